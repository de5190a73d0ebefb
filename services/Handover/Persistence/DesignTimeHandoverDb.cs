using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mediation.Handover.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class DesignTimeHandoverDb : IDesignTimeDbContextFactory<HandoverDb>
{
    public HandoverDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HandoverDb>().UseSqlite("Data Source=design.db").Options);
}
