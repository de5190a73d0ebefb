using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mediation.Verification.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class DesignTimeVerificationDb : IDesignTimeDbContextFactory<VerificationDb>
{
    public VerificationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VerificationDb>().UseSqlite("Data Source=design.db").Options);
}
