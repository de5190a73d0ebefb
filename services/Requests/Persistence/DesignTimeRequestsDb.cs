using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mediation.Requests.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class DesignTimeRequestsDb : IDesignTimeDbContextFactory<RequestsDb>
{
    public RequestsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RequestsDb>().UseSqlite("Data Source=design.db").Options);
}
