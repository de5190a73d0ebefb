using Microsoft.Data.Sqlite;

namespace Mediation.IntegrationTests;

/// <summary>
/// An embedded host whose verification database gives up on a lock after 1 s instead of 30 s, so a
/// test that holds the database's write lock makes verification's consumers fail every retry quickly —
/// a real outage, ended by releasing the lock. One redelivery, half a second later, instead of the
/// deployment's schedule over hours: what still fails after it reaches the fault inbox within seconds.
/// Operations asks every second, not every five minutes, which open faults have been applied since.
/// </summary>
public sealed class FaultyDatabaseHost : EmbeddedHost
{
    public const string Collection = "faulty database host";

    protected override string[] Settings() =>
        ["--ConnectionStrings:verification", $"Data Source={Path.Combine(DataDirectory, "verification.db")};Default Timeout=1",
            "--Bus:Redelivery", "500ms", "--Operations:AppliedCheckSeconds", "1"];

    /// <summary>Holds <paramref name="service"/>'s database write lock until disposed.</summary>
    public async Task<IAsyncDisposable> LockDatabase(string service)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, service + ".db")};Pooling=False");
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }
        return connection;
    }
}

[CollectionDefinition(FaultyDatabaseHost.Collection)]
public sealed class FaultyDatabaseHostCollection : ICollectionFixture<FaultyDatabaseHost>;
