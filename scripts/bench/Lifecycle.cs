using System.Diagnostics;
using HdrHistogram;
using Mediation.Client;
using Mediation.Host.Demo;
using Common = Mediation.Api.Common.V1;

namespace Mediation.Bench;

/// <summary>
/// Whole lifecycle: each case driven by the parties that own its steps, as their systems would call the
/// API with the client library — submitted, accepted, forwarded, located, every check attested, a handover batch planned, both
/// sides' signed acknowledgement of every custody leg, two follow-up visits, closed — until the requests
/// service reports it CLOSED. A fixed number of cases are in flight; per-case latency runs from the
/// submission to the CLOSED answer.
/// </summary>
/// <remarks>
/// With several instances of the services, the cases take turns over lanes: one lane per set of addresses, each
/// with a requesting party of its own (and its own event stream), so case n is driven entirely through lane
/// n mod lanes. Two lanes on the same addresses do the same work on one instance, which keeps a one-instance run
/// comparable with a two-instance one: as many streams, each carrying as many events.
/// </remarks>
/// <param name="caseTimeout">Past this a case counts as failed (e.g. an event stuck in an error queue), and the run goes on.</param>
public sealed class Lifecycle : IAsyncDisposable
{
    // The requesting parties of these cases have no others (intake is requester-1's, but never on the same databases
    // as a second lane), and each one's system follows them on its event stream, as the README tells partners to,
    // instead of asking about each again and again.
    private static readonly string[] Requesting = ["requester-2", "requester-1"];
    private readonly List<(CaseSteps Steps, CaseEventFeed? Feed)> _lanes = [];
    private readonly TimeSpan _caseTimeout;

    /// <param name="poll">The parties ask again and again instead of following the stream (to compare).</param>
    public Lifecycle(ServiceAddresses services, DemoParties keys, TimeSpan caseTimeout, bool poll = false)
        : this([services], keys, caseTimeout, poll)
    {
    }

    /// <param name="lanes">The services' addresses of each lane (at most one per requesting party).</param>
    public Lifecycle(IReadOnlyList<ServiceAddresses> lanes, DemoParties keys, TimeSpan caseTimeout, bool poll = false)
    {
        if (lanes.Count is 0 || lanes.Count > Requesting.Length)
            throw new ArgumentException($"1 to {Requesting.Length} lanes, one per requesting party", nameof(lanes));
        foreach (var (services, party) in lanes.Zip(Requesting))
        {
            var requester = keys.Requesting(services, party, "bench-requester");
            var feed = poll ? null : new CaseEventFeed(requester);
            _lanes.Add((new CaseSteps(requester, keys.Holding(services, "holder-1", "bench-holder"), keys.Mediator(services, "bench-mediator"),
                patience: caseTimeout, feed: feed), feed));
        }
        _caseTimeout = caseTimeout;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, feed) in _lanes)
            if (feed is not null)
                await feed.DisposeAsync();
    }

    public sealed record Result(long Cases, long Failed, double Seconds, LongHistogram Latency);

    public async Task<Result> Run(string run, int cases, int concurrency)
    {
        var next = 0L;
        long failed = 0;
        var histograms = Enumerable.Range(0, concurrency).Select(_ => Load.NewHistogram()).ToArray();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            long n;
            while ((n = Interlocked.Increment(ref next)) <= cases)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var timeout = new CancellationTokenSource(_caseTimeout);
                    await Drive(run, n, timeout.Token);
                    histograms[worker].RecordValue(Load.Microseconds(t0));
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref failed) <= 3)
                        Console.Error.WriteLine($"case {n} failed: {e.GetType().Name}: {e.Message}");
                }
            }
        })));
        var seconds = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
        var latency = Load.Merge(histograms);
        return new Result(latency.TotalCount, failed, seconds, latency);
    }

    private async Task Drive(string run, long n, CancellationToken ct)
    {
        var steps = _lanes[(int)((n - 1) % _lanes.Count)].Steps;
        var submitted = await steps.Requester.SubmitRequestAsync(IntakeRequests.OneChild(run, n), ct);
        var name = submitted.Cases.Single().Name;
        await steps.ReviewAndLocate(name, new Common.Place { Region = "Southern Region", Settlement = "Riverside", Institution = "Children's Home No. 2" }, ct);
        await steps.PassEveryCheck(name, ct);
        await steps.AwaitHandover(name, ct);
        var batch = await steps.PlanBatch($"batch-{name}", [name], ct);
        foreach (var leg in batch.Legs)
            await steps.AcknowledgeLeg(batch, leg, name, ct);
        await steps.FollowUpAndClose(name, ct);
        await steps.AwaitClosed(name, ct);
    }
}
