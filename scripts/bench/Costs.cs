using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Mediation.Client;
using Npgsql;
using RabbitMQ.Client;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Bench;

/// <summary>
/// The CPU one process spends per operation of each kind: the process's CPU time (user + system, from /proc) over a
/// span in which only that kind of operation reaches it, divided by how many were done. The client runs in another
/// process, so none of its work is counted. What each figure holds:
/// <list type="bullet">
/// <item>a SubmitRequest call, and each child in it: calls of one child and of eleven, the difference over ten being the child;</item>
/// <item>a read: GetCase of one of the party's own cases;</item>
/// <item>a mutating call: AcceptCase by the mediator, one per submitted case (the case, its timeline entry, its event);</item>
/// <item>an outbox publish: events written straight into the service's outbox, until all are marked sent;</item>
/// <item>a consumed message: CaseLocated put on the verification service's queue, until all are in its inbox (each opens a
/// checklist and publishes ChecklistOpened, so it includes one publish).</item>
/// </list>
/// In the embedded host a call's events are also published and consumed in the same process, and counted with the call.
/// </summary>
public static class Costs
{
    public sealed record Cost(string Kind, long Operations, double CpuSeconds)
    {
        public double MicrosecondsEach => Operations == 0 ? 0 : CpuSeconds * 1_000_000 / Operations;
    }

    /// <summary>A process's CPU time so far, user and system, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux); after the command's closing parenthesis, 12 and 13.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>How long to wait at most for a process to settle before and after a measurement (a fresh process tiering up its code never does).</summary>
    public static TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The process's CPU over <paramref name="work"/>, which returns how many operations it did.</summary>
    public static async Task<Cost> Measure(string kind, int pid, Func<Task<long>> work)
    {
        // Work still finishing from the step before (events being published and consumed) settles first.
        await Quiet(pid);
        var before = CpuSeconds(pid);
        var done = await work();
        await Quiet(pid);
        return new Cost(kind, done, CpuSeconds(pid) - before);
    }

    /// <summary>Waits until the process uses at most a tenth of a core over a fifth of a second (its background work done).</summary>
    public static async Task Quiet(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Settle)
        {
            var before = CpuSeconds(pid);
            await Task.Delay(200);
            if (CpuSeconds(pid) - before <= 0.02)
                return;
        }
    }

    public static async Task<List<Cost>> OfCalls(string target, int pid, string requesterKey, string mediatorKey, string run, int concurrency, TimeSpan warmup, TimeSpan span)
    {
        using var channel = MediationConnection.Channel(new Uri(target));
        var requests = new RequestsApi.RequestsService.RequestsServiceClient(channel);
        var requester = new Metadata { { "authorization", "Bearer " + requesterKey }, { "x-officer", "bench" } };
        var mediator = new Metadata { { "authorization", "Bearer " + mediatorKey }, { "x-officer", "bench" } };
        var cases = new ConcurrentQueue<string>();

        Task Submit(long n, int children) => Record(requests.SubmitRequestAsync(IntakeRequests.WithChildren(run, n, children), requester).ResponseAsync);
        async Task Record(Task<RequestsApi.SubmitRequestResponse> call)
        {
            foreach (var c in (await call).Cases)
                cases.Enqueue(c.Name);
        }
        // The code each step runs is jitted and tiered up before anything is measured.
        await Load.Run(concurrency, TimeSpan.Zero, warmup, (_, n) => Submit(n, (int)(n % 11) + 1));
        var warmed = cases.ToArray();
        if (warmed.Length > 0)
            await Load.Run(concurrency, TimeSpan.Zero, warmup / 4, (_, n) => requests.GetCaseAsync(new() { Name = warmed[n % warmed.Length] }, requester).ResponseAsync);

        var costs = new List<Cost>
        {
            await Measure("submit_1_child", pid, async () => (await Load.Run(concurrency, TimeSpan.Zero, span, (_, n) => Submit(n, 1))).Calls),
            await Measure("submit_11_children", pid, async () => (await Load.Run(concurrency, TimeSpan.Zero, span, (_, n) => Submit(n, 11))).Calls),
        };
        var names = cases.ToArray();
        costs.Add(await Measure("read", pid, async () =>
            (await Load.Run(concurrency, TimeSpan.Zero, span, (_, n) => requests.GetCaseAsync(new() { Name = names[n % names.Length] }, requester).ResponseAsync)).Calls));
        // Each submitted case accepted once: as many as the span allows.
        var toAccept = new ConcurrentQueue<string>(names);
        costs.Add(await Measure("mutate", pid, async () =>
            (await Load.Run(concurrency, TimeSpan.Zero, span, async (_, n) =>
            {
                if (toAccept.TryDequeue(out var name))
                    await requests.AcceptCaseAsync(new() { Name = name, RequestId = $"bench-accept-{run}-{n}" }, mediator);
            })).Calls));
        return costs;
    }

    /// <summary>Outbox publishes of the service <paramref name="pid"/> whose database <paramref name="database"/> is.</summary>
    public static Task<Cost> OfPublishes(int pid, string database, int count) => Measure("outbox_publish", pid, async () =>
    {
        await using var db = new NpgsqlConnection(database);
        await db.OpenAsync();
        var before = await Unsent(db);
        // CaseSubmitted: an event no service of the distributed benchmark consumes, so only the publisher works.
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO outbox (\"MessageId\", \"Type\", \"Body\", \"CreatedAt\", \"Attempts\") " +
            "SELECT gen_random_uuid(), 'Mediation.Contracts.CaseSubmitted', json_build_object('CaseId', 'bench-' || i, 'RequestId', 'bench', " +
            "'RequestingPartyId', 'requester-1', 'OccurredAt', now(), 'PartyId', 'requester-1', 'Officer', 'bench', 'Sequence', 1)::text, now(), 0 " +
            "FROM generate_series(1, @count) AS i", db))
        {
            insert.Parameters.AddWithValue("count", count);
            await insert.ExecuteNonQueryAsync();
        }
        while (await Unsent(db) > before)
            await Task.Delay(100);
        return count;
    });

    private static async Task<long> Unsent(NpgsqlConnection db) =>
        (long)(await new NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE \"SentAt\" IS NULL", db).ExecuteScalarAsync())!;

    /// <summary>CaseLocated messages consumed by the verification service <paramref name="pid"/> (its database <paramref name="database"/>).</summary>
    public static Task<Cost> OfConsumedMessages(int pid, string database, ConnectionFactory broker, int count, string run) => Measure("consumed_message", pid, async () =>
    {
        await using var db = new NpgsqlConnection(database);
        await db.OpenAsync();
        var before = await Rows(db, "inbox");
        await using var connection = await broker.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        for (var i = 0; i < count; i++)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                messageId = Guid.NewGuid(),
                messageType = new[] { "urn:message:Mediation.Contracts:CaseLocated", "urn:message:Mediation.Contracts:ICaseEvent" },
                message = new
                {
                    caseId = $"bench-{run}-located-{i}", requestingPartyId = "requester-1", holdingPartyId = "holder-1",
                    childAgeYears = 5 + i % 10, hasSpecialNeeds = i % 5 == 0, claimantIsParent = i % 2 == 0,
                    occurredAt = DateTime.UtcNow, partyId = "holder-1", officer = "bench", sequence = 3, sharingStopped = false,
                },
                sentTime = DateTime.UtcNow,
            });
            await channel.BasicPublishAsync("Mediation.Contracts:CaseLocated", "", true, properties, body);
        }
        while (await Rows(db, "inbox") < before + count)
            await Task.Delay(100);
        return count;
    });

    private static async Task<long> Rows(NpgsqlConnection db, string table) =>
        (long)(await new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", db).ExecuteScalarAsync())!;
}
