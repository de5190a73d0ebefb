using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Persistence.Sqlite;

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteVerificationDb(DbContextOptions<SqliteVerificationDb> options) : VerificationDb(options);

public sealed class DesignTimeSqliteVerificationDb : SqliteDesignTime<SqliteVerificationDb>;
