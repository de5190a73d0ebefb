using MassTransit;
using MassTransit.Mediator;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Operations.Consumers;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Persistence.Postgres;
using Mediation.Operations.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// Operations' intake of heartbeats and stops on a real database, a SQLite file and PostgreSQL: many of one
/// instance's heartbeats taken in at the same moment (as after an outage, with prefetch, or by two operations
/// instances) end with the newest, whichever commits first; a late one never moves it back; a stop holds against
/// older heartbeats and gives way to newer ones.
/// </summary>
public sealed class InstanceIntakeTests
{
    private const int AtOnce = 40;
    private static readonly DateTime T = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Embedded = ["requests", "verification", "handover", "operations"];

    public static TheoryData<bool> Databases() => [false, true];

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Heartbeats_taken_in_at_once_end_with_the_newest_and_a_late_one_does_not_move_it_back(bool postgres)
    {
        await using var operations = await Start(postgres);
        var instance = $"host-{Guid.NewGuid():N}:5080";
        var started = T.AddMinutes(-1);
        // Shuffled, so that the newest is not simply the last to start.
        var sentAt = Enumerable.Range(0, AtOnce).Select(i => T.AddSeconds(i)).OrderBy(_ => Random.Shared.Next()).ToList();
        await Task.WhenAll(sentAt.Select(at => Deliver(operations, Heartbeat(instance, at, started))));

        var newest = T.AddSeconds(AtOnce - 1);
        Assert.Equal(Embedded.Select(s => (s, newest)).Order(), await Rows(operations, instance));

        await Deliver(operations, Heartbeat(instance, T.AddSeconds(3), started));
        Assert.Equal(Embedded.Select(s => (s, newest)).Order(), await Rows(operations, instance));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_stop_among_heartbeats_at_once_holds_against_older_ones_and_a_new_run_clears_it(bool postgres)
    {
        await using var operations = await Start(postgres);
        var instance = $"host-{Guid.NewGuid():N}:5080";
        var started = T.AddMinutes(-1);
        var stoppedAt = T.AddSeconds(AtOnce);
        await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(i => Deliver(operations, Heartbeat(instance, T.AddSeconds(i), started)))
            .Append(Deliver(operations, new InstanceStopped(instance, Embedded, stoppedAt))));

        var rows = await operations.Read(db => db.Set<ServiceInstance>().AsNoTracking().Where(i => i.InstanceId == instance).ToListAsync());
        Assert.Equal(Embedded.Length, rows.Count);
        Assert.All(rows, r => Assert.Equal((T.AddSeconds(AtOnce - 1), stoppedAt, InstanceState.Stopped), (r.LastHeartbeatAt, r.StoppedAt, r.StateAt(stoppedAt.AddHours(1)))));

        var restarted = T.AddMinutes(5);
        await Deliver(operations, Heartbeat(instance, restarted.AddSeconds(1), restarted));
        rows = await operations.Read(db => db.Set<ServiceInstance>().AsNoTracking().Where(i => i.InstanceId == instance).ToListAsync());
        Assert.All(rows, r => Assert.Equal((restarted, (DateTime?)null, InstanceState.Up), (r.StartedAt, r.StoppedAt, r.StateAt(restarted.AddSeconds(2)))));
    }

    private static Task<ConsumersOnDatabase<OperationsDb>> Start(bool postgres) =>
        ConsumersOnDatabase<OperationsDb>.Start(postgres,
            b => b.AddServiceDatabase<OperationsDb, SqliteOperationsDb, PostgresOperationsDb>("operations"),
            m =>
            {
                m.AddConsumer<InstanceHeartbeatIntake>();
                m.AddConsumer<InstanceStoppedIntake>();
            });

    private static Task Deliver<T>(ConsumersOnDatabase<OperationsDb> operations, T message) where T : class =>
        operations.Services.GetRequiredService<IMediator>().Publish(message);

    private static InstanceHeartbeat Heartbeat(string instance, DateTime sentAt, DateTime startedAt) =>
        new(instance, Embedded, "1.0.0", "host", 42, startedAt, sentAt, 5, "http://127.0.0.1:5080", "http://127.0.0.1:5090");

    private static Task<List<(string, DateTime)>> Rows(ConsumersOnDatabase<OperationsDb> operations, string instance) =>
        operations.Read(async db => (await db.Set<ServiceInstance>().AsNoTracking().Where(i => i.InstanceId == instance).ToListAsync())
            .Select(i => (i.Service, i.LastHeartbeatAt)).Order().ToList());
}
