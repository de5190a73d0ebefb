using Mediation.BuildingBlocks.Persistence;
using Mediation.Handover.Persistence;
using Mediation.Requests.Persistence;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.UnitTests;

public class MigrationsTests
{
    public static TheoryData<string> Databases() => ["requests", "verification", "handover"];

    /// <summary>A model change without its migration would leave a deployed database behind the code.</summary>
    [Theory]
    [MemberData(nameof(Databases))]
    public void Every_model_change_has_its_migration(string database)
    {
        using ServiceDbContext db = database switch
        {
            "requests" => new DesignTimeRequestsDb().CreateDbContext([]),
            "verification" => new DesignTimeVerificationDb().CreateDbContext([]),
            _ => new DesignTimeHandoverDb().CreateDbContext([]),
        };
        Assert.False(db.Database.HasPendingModelChanges());
    }
}
