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
/// <param name="caseTimeout">Past this a case counts as failed (e.g. an event stuck in an error queue), and the run goes on.</param>
public sealed class Lifecycle : IAsyncDisposable
{
    // The requesting party of these cases has no others (intake is another party's), and its system follows them on
    // its event stream, as the README tells partners to, instead of asking about each again and again.
    private const string Requesting = "requester-2";
    private readonly CaseSteps _steps;
    private readonly TimeSpan _caseTimeout;

    private readonly CaseEventFeed? _feed;

    /// <param name="poll">The parties ask again and again instead of following the stream (to compare).</param>
    public Lifecycle(ServiceAddresses services, DemoParties keys, TimeSpan caseTimeout, bool poll = false)
    {
        var requester = keys.Requesting(services, Requesting, "bench-requester");
        _feed = poll ? null : new CaseEventFeed(requester);
        _steps = new CaseSteps(requester, keys.Holding(services, "holder-1", "bench-holder"), keys.Mediator(services, "bench-mediator"),
            patience: caseTimeout, feed: _feed);
        _caseTimeout = caseTimeout;
    }

    public ValueTask DisposeAsync() => _feed?.DisposeAsync() ?? ValueTask.CompletedTask;

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
        var submitted = await _steps.Requester.SubmitRequestAsync(IntakeRequests.OneChild(run, n), ct);
        var name = submitted.Cases.Single().Name;
        await _steps.ReviewAndLocate(name, new Common.Place { Region = "Southern Region", Settlement = "Riverside", Institution = "Children's Home No. 2" }, ct);
        await _steps.PassEveryCheck(name, ct);
        await _steps.AwaitHandover(name, ct);
        var batch = await _steps.PlanBatch($"batch-{name}", [name], ct);
        foreach (var leg in batch.Legs)
            await _steps.AcknowledgeLeg(batch, leg, name, ct);
        await _steps.FollowUpAndClose(name, ct);
        await _steps.AwaitClosed(name, ct);
    }
}
