using Mediation.BuildingBlocks.Flow;
using Mediation.BuildingBlocks.PersonalData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Persistence;

public static class DatabaseSetup
{
    /// <summary>
    /// The service's own database. <c>Database:Provider</c> = <c>Sqlite</c> (default: the file
    /// <c>{Mediation:DataDirectory}/{name}.db</c>, or <c>ConnectionStrings:{name}</c>) or <c>Postgres</c>
    /// (<c>ConnectionStrings:{name}</c>, required). Migrated at start, before the bus delivers; its outbox
    /// dispatcher runs beside it; its health is reported under the service's tag. A service adds its own
    /// interceptors as keyed <see cref="IInterceptor"/> services, keyed by <typeparamref name="TDb"/>.
    /// </summary>
    public static void AddServiceDatabase<TDb, TSqlite, TPostgres>(this IHostApplicationBuilder builder, string name)
        where TDb : ServiceDbContext where TSqlite : TDb where TPostgres : TDb
    {
        var configuration = builder.Configuration;
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        builder.Services.AddSingleton<OutboxSignal<TDb>>();
        builder.Services.AddSingleton(new ServiceDatabase(name, typeof(TDb)));
        // Read now, so that a process without its keys stops at start, not at its first write.
        if (!builder.Services.Any(d => d.ServiceType == typeof(PersonalDataCipher)))
            builder.Services.AddSingleton(PersonalDataCipher.FromConfiguration(configuration));
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connection = configuration.GetConnectionString(name)
                ?? throw new InvalidOperationException($"Database:Provider is Postgres, so ConnectionStrings:{name} is required.");
            builder.Services.AddDbContext<TDb, TPostgres>((sp, options) => options
                .UseNpgsql(connection, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(sp.GetRequiredService<OutboxSignal<TDb>>(), CommitChecks.Instance)
                .AddInterceptors(sp.GetKeyedServices<IInterceptor>(typeof(TDb)))
                .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKey>());
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var connection = configuration.GetConnectionString(name) ?? DefaultSqlite(configuration, name);
            builder.Services.AddDbContext<TDb, TSqlite>((sp, options) => options
                .UseSqlite(connection, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(sp.GetRequiredService<OutboxSignal<TDb>>(), CommitChecks.Instance)
                .AddInterceptors(sp.GetKeyedServices<IInterceptor>(typeof(TDb)))
                .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKey>());
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'.");
        }
        // One buffer of case-flow steps per process, whatever services it hosts, shipped to operations in batches.
        if (!builder.Services.Any(d => d.ServiceType == typeof(CaseFlowSteps)))
        {
            builder.Services.AddSingleton(new CaseFlowSteps());
            builder.Services.AddHostedService<CaseFlowShipper>();
        }
        builder.Services.AddHostedService<DatabaseMigration<TDb>>();
        builder.Services.AddHostedService<OutboxDispatcher<TDb>>();
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<OutboxBacklog<TDb>>(sp, name));
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
            // A PostgreSQL database is made first if it is missing: left to the migration, its first connection
            // fails and is logged as an error at every first start, though nothing is wrong.
            if (db.Database.IsNpgsql())
            {
                var creator = db.GetService<IRelationalDatabaseCreator>();
                if (!await creator.ExistsAsync(ct))
                {
                    try
                    {
                        await creator.CreateAsync(ct);
                    }
                    catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
                    {
                        // Another instance starting at the same moment made it.
                    }
                }
            }
            // Two instances starting together take turns (EF's migration lock).
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
