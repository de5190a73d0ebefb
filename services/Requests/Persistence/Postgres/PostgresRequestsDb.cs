using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Persistence.Postgres;

/// <summary>The distributed mode: a PostgreSQL database of the service's own.</summary>
public sealed class PostgresRequestsDb(DbContextOptions<PostgresRequestsDb> options) : RequestsDb(options);

public sealed class DesignTimePostgresRequestsDb : PostgresDesignTime<PostgresRequestsDb>;
