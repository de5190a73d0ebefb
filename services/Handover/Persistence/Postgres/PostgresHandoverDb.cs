using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Handover.Persistence.Postgres;

/// <summary>The distributed mode: a PostgreSQL database of the service's own.</summary>
public sealed class PostgresHandoverDb(DbContextOptions<PostgresHandoverDb> options) : HandoverDb(options);

public sealed class DesignTimePostgresHandoverDb : PostgresDesignTime<PostgresHandoverDb>;
