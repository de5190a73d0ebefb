using Mediation.BuildingBlocks.Persistence;
using Mediation.Verification.Persistence.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mediation.IntegrationTests;

/// <summary>
/// Two instances of a service share one database, and one of them publishes its outbox (it holds the lease). The
/// events the other instance commits must wake the publisher as its own do, rather than wait for its next poll:
/// on PostgreSQL the commit's notice reaches the lease's connection.
/// </summary>
public sealed class OutboxCommitNoticeTests : IAsyncLifetime
{
    private readonly string _database = $"mediation_outbox_notice_{Guid.NewGuid().ToString("N")[..8]}";

    public async Task InitializeAsync()
    {
        await DistributedServices.Run(Path.Combine(Repository.Root, "scripts", "postgres.sh"), "start");
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {_database}", admin).ExecuteNonQueryAsync();
        await using var db = Instance();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_publishing_instance_hears_of_the_events_another_instance_commits()
    {
        await using var publishing = Instance();
        await using var lease = await OutboxLease.TryAcquire(publishing, CancellationToken.None);
        Assert.NotNull(lease);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var hearing = lease.HearCommits(() => heard.TrySetResult(), stop.Token);

        // The other instance commits an event now and then until one is heard: the lease's connection starts
        // listening on its own, and a commit before that is found by the poll, not heard.
        await using (var other = new NpgsqlConnection(ConnectionString(_database)))
        {
            await other.OpenAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!heard.Task.IsCompleted && DateTime.UtcNow < deadline)
            {
                await new NpgsqlCommand(
                    "INSERT INTO outbox (\"MessageId\", \"Type\", \"Body\", \"CreatedAt\", \"Attempts\") " +
                    "VALUES (gen_random_uuid(), 'Mediation.Contracts.CaseSubmitted', '{}', now(), 0)", other).ExecuteNonQueryAsync();
                await Task.WhenAny(heard.Task, Task.Delay(200));
            }
        }
        Assert.True(heard.Task.IsCompleted, "no commit of the other instance was heard on the lease's connection");

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hearing);
    }

    private PostgresVerificationDb Instance() =>
        new(new DbContextOptionsBuilder<PostgresVerificationDb>().UseNpgsql(ConnectionString(_database)).Options);

    private static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={DistributedServices.PostgresPort};Username=postgres;Password=postgres;Database={database}";
}
