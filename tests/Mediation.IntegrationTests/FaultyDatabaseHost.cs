using System.Text.Json;
using MassTransit;
using Mediation.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// An embedded host whose verification database gives up on a lock after 1 s instead of 30 s, so a
/// test that holds the database's write lock makes verification's consumers fail every retry quickly —
/// a real outage, ended by releasing the lock. One redelivery, half a second later, instead of the
/// deployment's schedule over hours: what still fails after it reaches the fault inbox within seconds.
/// Operations asks every second, not every five minutes, which open faults have been applied since.
/// </summary>
public class FaultyDatabaseHost : EmbeddedHost
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

    /// <summary>
    /// Publishes a faulted event again, as the fault inbox kept it and with its message id — what an outbox
    /// does after an outage when it never heard the broker confirm the first copy.
    /// </summary>
    public async Task PublishAgain(Guid faultId)
    {
        string type, body;
        Guid messageId;
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "operations.db")};Pooling=False;Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT MessageType, Body, MessageId FROM faults WHERE upper(FaultId) = upper($id)";
            read.Parameters.AddWithValue("$id", faultId.ToString());
            await using var row = await read.ExecuteReaderAsync();
            if (!await row.ReadAsync())
                throw new InvalidOperationException($"No fault {faultId}.");
            (type, body, messageId) = (row.GetString(0), row.GetString(1), Guid.Parse(row.GetString(2)));
        }
        var contract = typeof(ICaseEvent).Assembly.GetType(type)!;
        await Services.GetRequiredService<IBus>().Publish(JsonSerializer.Deserialize(body, contract)!, contract, context => context.MessageId = messageId);
    }
}

[CollectionDefinition(FaultyDatabaseHost.Collection)]
public sealed class FaultyDatabaseHostCollection : ICollectionFixture<FaultyDatabaseHost>;
