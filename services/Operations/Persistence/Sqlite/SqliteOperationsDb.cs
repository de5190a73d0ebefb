using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Persistence.Sqlite;

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteOperationsDb(DbContextOptions<SqliteOperationsDb> options) : OperationsDb(options);

public sealed class DesignTimeSqliteOperationsDb : SqliteDesignTime<SqliteOperationsDb>;
