using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mediation.IntegrationTests;
using Npgsql;

namespace Mediation.FaultTests;

/// <summary>
/// A round of cases goes through its whole life in the distributed mode while a fault hits it; afterwards,
/// with nobody pressing a button, every case is CLOSED, nothing happened twice, every event left its
/// outbox, every audit log holds, and any message that finally failed is on the dashboard.
/// The same round meets faults on one broker node (<see cref="Faults.All"/>) and a broker node's loss on the
/// three-node cluster with two instances of each service (<see cref="Faults.OnCluster"/>).
/// FAULT_SCENARIOS picks the faults ("all", or names separated by '|'); by default the ones ./test.sh runs,
/// the whole database server stopped for a minute and a cluster node killed (scripts/faults.sh runs them all).
/// Each result is appended to .artifacts/faults/results.tsv for scripts/faults.sh.
/// </summary>
public sealed class FaultInjectionTests(Deployments deployments) : IClassFixture<Deployments>
{
    private DistributedServices _services = null!;

    private const int Cases = 40;
    /// <summary>How long after a fault ends every case must be CLOSED: the 10-s redelivery, a minute's, and the round's own work.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(3);

    public static TheoryData<string> Scenarios()
    {
        var chosen = Environment.GetEnvironmentVariable("FAULT_SCENARIOS") is { Length: > 0 } setting
            ? setting == "all" ? Faults.All.Keys.Concat(Faults.OnCluster.Keys) : setting.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : ["PostgreSQL server stopped 60 s", "broker node killed (kill -9, one of three)"];
        return [.. chosen];
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_case_closes_without_an_operator_after(string fault)
    {
        _services = await deployments.For(fault);
        var tag = "f" + Guid.NewGuid().ToString("N")[..6];
        if (Faults.Preparations.TryGetValue(fault, out var prepare))
            await prepare(_services);
        var read = await _services.QueuesBeingRead();
        var round = new RoundOfCases(_services, tag, Cases);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var running = round.Run(TimeSpan.FromMilliseconds(500), giveUp.Token);

        // The fault comes with cases at every stage: most still to be submitted or checked, a few handing over.
        await Until(() => round.Progressed >= 3 || running.IsCompleted, giveUp.Token);
        var end = Faults.OnCluster.TryGetValue(fault, out var loss) ? await loss((ClusterServices)_services) : await Faults.All[fault](_services);
        round.FaultBegun();
        // The fault ends as its end begins: a broker or a service starting again is part of the recovery.
        var ended = round.Elapsed;
        await end();
        var back = await ReadAgain(read, giveUp.Token);
        try
        {
            await running;
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            // A round that never finishes is a result too: it is recorded, and what the stuck cases wait on is told.
        }

        var stuck = round.Cases.Where(c => !round.ClosedAt.ContainsKey(c)).ToList();
        var recovery = round.ClosedAt.Count == 0 ? TimeSpan.Zero : round.ClosedAt.Values.Max() - ended;
        var lost = (_services as ClusterServices)?.LastLoss;
        await Record(fault, round.ClosedAt.Count, stuck.Count + (Cases - round.Cases.Count), recovery, back, lost);
        await KeepLogs(fault);
        Assert.True(round.Failures.Count == 0, string.Join("\n", round.Failures) + "\n" + _services.Output());
        Assert.True(stuck.Count == 0, $"{stuck.Count} cases never CLOSED:\n{await WhereStuck(round, stuck)}");
        Assert.True(recovery > TimeSpan.Zero, "every case closed before the fault ended: the fault met none of them");
        Assert.True(recovery <= Recovery, $"the last case closed {recovery.TotalSeconds:0} s after the fault ended");

        await NothingTwice(round);
        await EveryOutboxSent();
        await EveryAuditLogHolds(round);
        await EveryFinalFailureOnTheDashboard();
    }

    /// <summary>Each stuck case's stage as every service sees it, and every service's unsent outbox rows: where to look first.</summary>
    private async Task<string> WhereStuck(RoundOfCases round, IEnumerable<string> stuck)
    {
        var lines = new List<string>();
        NpgsqlConnection.ClearAllPools();
        foreach (var service in new[] { "requests", "verification", "handover", "operations" })
        {
            await using var db = _services.Database(service);
            await db.OpenAsync();
            var unsent = await new NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE \"SentAt\" IS NULL", db).ExecuteScalarAsync();
            lines.Add($"{service}: {unsent} outbox rows unsent");
        }
        foreach (var name in stuck.Take(10))
        {
            var seen = (await round.Steps.Mediator.GetCaseAsync(name)).Case.Stage;
            lines.Add($"{name}: {seen} in requests");
        }
        return string.Join("\n", lines);
    }

    private async Task NothingTwice(RoundOfCases round)
    {
        foreach (var name in round.Cases)
        {
            var events = (await round.Steps.Mediator.ListCaseEventsAsync(new() { Parent = name, PageSize = 500 })).Events;
            var repeated = events.GroupBy(e => (e.Type, e.Summary, e.OccurTime)).Where(g => g.Count() > 1).Select(g => g.Key.Type).ToList();
            Assert.True(repeated.Count == 0, $"{name}: repeated timeline entries {string.Join(", ", repeated)}");
            var chain = (await round.Steps.Mediator.GetCustodyChainAsync(name)).Chain;
            Assert.Equal(6, chain.Entries.Count);
        }
    }

    private async Task EveryOutboxSent()
    {
        // This process's own pooled connections did not survive a stopped server.
        NpgsqlConnection.ClearAllPools();
        foreach (var service in new[] { "requests", "verification", "handover", "operations" })
        {
            var unsent = await IntegrationTests.Requests.Eventually(async () =>
            {
                await using var db = _services.Database(service);
                await db.OpenAsync();
                return (long)(await new NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE \"SentAt\" IS NULL", db).ExecuteScalarAsync())!;
            }, n => n == 0);
            Assert.Equal(0, unsent);
        }
    }

    private async Task EveryAuditLogHolds(RoundOfCases round)
    {
        // The mediator's client asks each service's own process for its log.
        foreach (var service in new[] { "requests", "verification", "handover" })
        {
            var verified = await round.Steps.Mediator.VerifyAuditLogAsync(new() { Service = service });
            Assert.True(verified.Intact, $"{service}: {verified.FirstBreak?.Description}");
        }
    }

    private async Task EveryFinalFailureOnTheDashboard()
    {
        var setAside = await _services.MessagesSetAside();
        using var dashboard = _services.Dashboard();
        var overview = await IntegrationTests.Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => o.GetProperty("faults").GetProperty("open").GetInt32() >= setAside);
        Assert.True(overview.GetProperty("faults").GetProperty("open").GetInt32() >= setAside);
    }

    /// <summary>How long after the fault's end every queue read before it is read again (the broker or the service back).</summary>
    private async Task<TimeSpan> ReadAgain(HashSet<string> before, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await _services.QueuesBeingRead()).IsSupersetOf(before))
                    return clock.Elapsed;
            }
            catch (HttpRequestException)
            {
                // The broker's management listener not up yet.
            }
            await Task.Delay(250, ct);
        }
    }

    private static async Task Until(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
            await Task.Delay(100, ct);
    }

    /// <summary>Every service's log so far (UTC-stamped lines), beside the results: when each reconnected, what it retried.</summary>
    private async Task KeepLogs(string fault)
    {
        var name = new string(fault.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        await File.WriteAllTextAsync(Path.Combine(Repository.Root, ".artifacts", "faults", $"{name}.log"), _services.Output());
    }

    private static async Task Record(string fault, int closed, int stuck, TimeSpan recovery, TimeSpan consumersBack, NodeLoss? lost)
    {
        var folder = Path.Combine(Repository.Root, ".artifacts", "faults");
        Directory.CreateDirectory(folder);
        await File.AppendAllTextAsync(Path.Combine(folder, "results.tsv"), string.Join('\t',
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), fault, Cases, closed, stuck,
            recovery.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), consumersBack.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            // The machine's load when the round ended: a busy machine's times are not an idle one's.
            File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "",
            // A broker node's loss: how long the consumers were gone, which node, the quorum queues' members after.
            lost is null ? "" : lost.ConsumersGone is { } gone ? gone.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "not back",
            lost?.Node ?? "", lost is null ? "" : await lost.Replicas) + "\n");
    }
}
