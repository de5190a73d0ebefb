using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Persistence;

public static class DatabaseSetup
{
    /// <summary>
    /// The service's own database: <c>ConnectionStrings:{name}</c> if given, else a SQLite file
    /// <c>{Mediation:DataDirectory}/{name}.db</c>. Migrated at start, before the bus starts delivering;
    /// its outbox dispatcher runs beside it; its health is reported under the service's tag.
    /// </summary>
    public static void AddServiceDatabase<TDb>(this IHostApplicationBuilder builder, string name)
        where TDb : ServiceDbContext
    {
        var connection = builder.Configuration.GetConnectionString(name) ?? DefaultSqlite(builder.Configuration, name);
        builder.Services.AddSingleton<OutboxSignal<TDb>>();
        builder.Services.AddDbContext<TDb>((sp, options) => options
            .UseSqlite(connection, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .AddInterceptors(sp.GetRequiredService<OutboxSignal<TDb>>()));
        builder.Services.AddHostedService<DatabaseMigration<TDb>>();
        builder.Services.AddHostedService<OutboxDispatcher<TDb>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealth<TDb>>($"{name}-database", tags: [name]);
    }

    private static string DefaultSqlite(IConfiguration configuration, string name)
    {
        var directory = configuration["Mediation:DataDirectory"] ?? "data";
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, name + ".db"),
            // Writers from several requests wait for each other instead of failing with SQLITE_BUSY.
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    private sealed class DatabaseMigration<TDb>(IServiceScopeFactory scopes) : IHostedService where TDb : ServiceDbContext
    {
        public async Task StartAsync(CancellationToken ct)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDb>();
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class DatabaseHealth<TDb>(IServiceScopeFactory scopes) : IHealthCheck where TDb : ServiceDbContext
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TDb>().Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
