using Npgsql;

namespace Mediation.IntegrationTests;

/// <summary>
/// The embedded host on PostgreSQL instead of SQLite files (the server scripts/postgres.sh starts), each
/// service in a database of its own that is removed afterwards: the same code, the other database.
/// </summary>
public class PostgresEmbeddedHost : EmbeddedHost
{
    private static readonly string[] ServiceNames = ["requests", "verification", "handover", "operations"];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public override async Task InitializeAsync()
    {
        await DistributedServices.Run(Path.Combine(Repository.Root, "scripts", "postgres.sh"), "start");
        await base.InitializeAsync();
    }

    protected override string[] Settings() =>
        ["--Database:Provider", "Postgres", .. ServiceNames.SelectMany(s => new[] { $"--ConnectionStrings:{s}", ConnectionString(Database(s)) })];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        foreach (var service in ServiceNames)
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database(service)} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }

    private string Database(string service) => $"mediation_{service}_{_run}";

    private static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={DistributedServices.PostgresPort};Username=postgres;Database={database}";
}
