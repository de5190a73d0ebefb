using MassTransit;
using MassTransit.Mediator;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Mediation.IntegrationTests;

/// <summary>
/// One service's consumers on a database of their own — a SQLite file, or a PostgreSQL database made for the
/// test and dropped after — fed one message at a time through MassTransit's mediator: the consumer code, its
/// inbox and its database as the service runs them, without a transport, so that the test decides the exact
/// order of delivery and each delivery has been applied (or has thrown) when it returns.
/// </summary>
public sealed class ConsumersOnDatabase<TDb> : IAsyncDisposable where TDb : ServiceDbContext
{
    private readonly IHost _host;
    private readonly string? _postgresDatabase;
    private readonly string? _sqliteDirectory;

    private ConsumersOnDatabase(IHost host, FakeTimeProvider clock, string? postgresDatabase, string? sqliteDirectory) =>
        (_host, Clock, _postgresDatabase, _sqliteDirectory) = (host, clock, postgresDatabase, sqliteDirectory);

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// <paramref name="addDatabase"/> is the service's own <c>AddServiceDatabase</c> call; <paramref name="consumers"/>
    /// adds its consumers to the mediator; <paramref name="services"/> adds what they need beside the database.
    /// </summary>
    public static async Task<ConsumersOnDatabase<TDb>> Start(bool postgres, Action<IHostApplicationBuilder> addDatabase,
        Action<IMediatorRegistrationConfigurator> consumers, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "keys.demo.json"));
        string? database = null, directory = null;
        if (postgres)
        {
            await PostgresServer.Value;
            database = "mediation_consumers_" + Guid.NewGuid().ToString("N")[..10];
            builder.Configuration["Database:Provider"] = "Postgres";
            foreach (var name in new[] { "requests", "verification", "handover", "operations" })
                builder.Configuration[$"ConnectionStrings:{name}"] = Postgres(database);
        }
        else
        {
            directory = Path.Combine(Path.GetTempPath(), "mediation-consumers-" + Guid.NewGuid().ToString("N")[..8]);
            builder.Configuration["Mediation:DataDirectory"] = directory;
        }
        addDatabase(builder);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddLogging();
        services?.Invoke(builder.Services);
        builder.Services.AddMediator(consumers);
        var rig = new ConsumersOnDatabase<TDb>(builder.Build(), clock, database, directory);
        await using var scope = rig._host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return rig;
    }

    /// <summary>Applies <paramref name="e"/> as a bus message with <paramref name="messageId"/>; throws what the consumer threw.</summary>
    public Task Deliver(ICaseEvent e, Guid messageId) =>
        _host.Services.GetRequiredService<IMediator>().Publish(e, e.GetType(), context => context.MessageId = messageId);

    public async Task<T> Read<T>(Func<TDb, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TDb>());
    }

    public async Task Write(Func<TDb, Task> write)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        await write(db);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Postgres("postgres"));
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
        if (_sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteDirectory, recursive: true);
        }
    }

    /// <summary>The private server scripts/postgres.sh runs, started if it is not running yet.</summary>
    private static readonly Lazy<Task> PostgresServer = new(async () =>
    {
        using var script = System.Diagnostics.Process.Start(Path.Combine(Repository.Root, "scripts", "postgres.sh"), "start");
        await script.WaitForExitAsync();
        if (script.ExitCode != 0)
            throw new InvalidOperationException($"scripts/postgres.sh start exited with {script.ExitCode}");
    });

    private static string Postgres(string database) =>
        $"Host=127.0.0.1;Port={DistributedServices.PostgresPort};Username=postgres;Database={database};Pooling=true";
}
