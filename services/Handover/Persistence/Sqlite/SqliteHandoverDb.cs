using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Handover.Persistence.Sqlite;

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteHandoverDb(DbContextOptions<SqliteHandoverDb> options) : HandoverDb(options);

public sealed class DesignTimeSqliteHandoverDb : SqliteDesignTime<SqliteHandoverDb>;
