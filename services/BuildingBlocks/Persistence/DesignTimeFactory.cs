using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build a service's model without starting the service.</summary>
public abstract class DesignTimeFactory<TDb> : IDesignTimeDbContextFactory<TDb> where TDb : ServiceDbContext
{
    public TDb CreateDbContext(string[] args) =>
        (TDb)Activator.CreateInstance(typeof(TDb), new DbContextOptionsBuilder<TDb>().UseSqlite("Data Source=design.db").Options)!;
}
