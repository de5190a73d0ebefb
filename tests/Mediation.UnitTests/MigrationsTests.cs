using Mediation.BuildingBlocks.Persistence;
using Mediation.Handover.Persistence.Postgres;
using Mediation.Handover.Persistence.Sqlite;
using Mediation.Operations.Persistence.Postgres;
using Mediation.Operations.Persistence.Sqlite;
using Mediation.Requests.Persistence.Postgres;
using Mediation.Requests.Persistence.Sqlite;
using Mediation.Verification.Persistence.Postgres;
using Mediation.Verification.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mediation.UnitTests;

public class MigrationsTests
{
    public static TheoryData<string> Databases() =>
        ["requests/sqlite", "requests/postgres", "verification/sqlite", "verification/postgres", "handover/sqlite", "handover/postgres", "operations/sqlite", "operations/postgres"];

    /// <summary>A model change without its migration (for either provider) would leave a deployed database behind the code.</summary>
    [Theory]
    [MemberData(nameof(Databases))]
    public void Every_model_change_has_its_migration(string database)
    {
        using ServiceDbContext db = database switch
        {
            "requests/sqlite" => new DesignTimeSqliteRequestsDb().CreateDbContext([]),
            "requests/postgres" => new DesignTimePostgresRequestsDb().CreateDbContext([]),
            "verification/sqlite" => new DesignTimeSqliteVerificationDb().CreateDbContext([]),
            "verification/postgres" => new DesignTimePostgresVerificationDb().CreateDbContext([]),
            "handover/sqlite" => new DesignTimeSqliteHandoverDb().CreateDbContext([]),
            "handover/postgres" => new DesignTimePostgresHandoverDb().CreateDbContext([]),
            "operations/sqlite" => new DesignTimeSqliteOperationsDb().CreateDbContext([]),
            _ => new DesignTimePostgresOperationsDb().CreateDbContext([]),
        };
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }
}
