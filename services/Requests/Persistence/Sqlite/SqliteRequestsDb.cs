using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Persistence.Sqlite;

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteRequestsDb(DbContextOptions<SqliteRequestsDb> options) : RequestsDb(options);

public sealed class DesignTimeSqliteRequestsDb : SqliteDesignTime<SqliteRequestsDb>;
