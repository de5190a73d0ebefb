using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mediation.BuildingBlocks.Persistence;

// Let `dotnet ef migrations add` build a service's model for one provider without starting the service.
// Each provider keeps its own migrations: column types differ between SQLite and PostgreSQL.

public abstract class SqliteDesignTime<TDb> : IDesignTimeDbContextFactory<TDb> where TDb : ServiceDbContext
{
    public TDb CreateDbContext(string[] args) =>
        (TDb)Activator.CreateInstance(typeof(TDb), new DbContextOptionsBuilder<TDb>().UseSqlite("Data Source=design.db").Options)!;
}

public abstract class PostgresDesignTime<TDb> : IDesignTimeDbContextFactory<TDb> where TDb : ServiceDbContext
{
    public TDb CreateDbContext(string[] args) =>
        (TDb)Activator.CreateInstance(typeof(TDb), new DbContextOptionsBuilder<TDb>().UseNpgsql("Host=localhost;Database=design").Options)!;
}
