using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Persistence.Postgres;

/// <summary>The distributed mode: a PostgreSQL database of the service's own.</summary>
public sealed class PostgresOperationsDb(DbContextOptions<PostgresOperationsDb> options) : OperationsDb(options);

public sealed class DesignTimePostgresOperationsDb : PostgresDesignTime<PostgresOperationsDb>;
