using System.Diagnostics;
using Grpc.Core;
using Mediation.Client;
using Mediation.Host.Demo;
using Mediation.IntegrationTests;
using Common = Mediation.Api.Common.V1;

namespace Mediation.FaultTests;

/// <summary>
/// Cases driven through their whole life at once, each step by the party that owns it, as partners' systems
/// would: when a call fails for a reason that passes (a service or the broker away, a lost race), the party
/// waits a moment and calls again with the same request id. Records when each case was seen CLOSED.
/// </summary>
public sealed class RoundOfCases : CaseSteps.ICallPolicy
{
    private readonly string _tag;
    private readonly int _count;

    public RoundOfCases(DistributedServices services, string tag, int count)
    {
        (_tag, _count) = (tag, count);
        Steps = new(services.Keys.Requesting(services.Addresses, "requester-1", "fault-r"), services.Keys.Holding(services.Addresses, "holder-1", "fault-h"),
            services.Keys.Mediator(services.Addresses, "fault-m"), patience: TimeSpan.FromMinutes(10), calls: this);
    }

    private static readonly StatusCode[] Passing =
        [StatusCode.Unavailable, StatusCode.Internal, StatusCode.Unknown, StatusCode.DeadlineExceeded, StatusCode.Aborted, StatusCode.Cancelled, StatusCode.ResourceExhausted];


    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _progressed;

    public List<string> Cases { get; } = [];
    public Dictionary<string, TimeSpan> ClosedAt { get; } = [];
    public List<string> Failures { get; } = [];
    public TimeSpan Elapsed => _clock.Elapsed;
    public CaseSteps Steps { get; }

    /// <summary>How many cases have got past their checks so far (a fault is best injected with cases at every stage).</summary>
    public int Progressed => Volatile.Read(ref _progressed);

    private readonly TaskCompletionSource _faultBegun = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The fault has taken hold (the broker is down, the process dead): the cases held back may start.</summary>
    public void FaultBegun() => _faultBegun.TrySetResult();

    /// <summary>
    /// Starts a case every <paramref name="spacing"/>, so that when a fault comes the cases are spread over every stage.
    /// The last quarter also waits for <see cref="FaultBegun"/>: a fault slow to take hold (a broker's orderly stop
    /// on a busy machine took 40 s) still meets cases, however quickly the others went through.
    /// </summary>
    public Task Run(TimeSpan spacing, CancellationToken ct) => Task.WhenAll(Enumerable.Range(0, _count).Select(async i =>
    {
        await Task.Delay(spacing * i, ct);
        if (i >= _count - _count / 4)
            await _faultBegun.Task.WaitAsync(ct);
        await One(i, ct);
    }));

    private async Task One(int i, CancellationToken ct)
    {
        try
        {
            var submit = IntegrationTests.Requests.OneChild($"{_tag}-{i}", given: $"Fault{_tag}{i}");
            var name = (await Call(() => Steps.Requester.SubmitRequestAsync(submit, ct), ct)).Cases[0].Name;
            lock (Cases)
                Cases.Add(name);
            await Steps.ReviewAndLocate(name, new Common.Place { Region = "Test Region", Settlement = "Test Town" }, ct);
            await Steps.PassEveryCheck(name, ct);
            Interlocked.Increment(ref _progressed);
            await Steps.AwaitHandover(name, ct);
            var batch = await Steps.PlanBatch($"{_tag}-batch-{i}", [name], ct);
            foreach (var leg in batch.Legs)
                await Steps.AcknowledgeLeg(batch, leg, name, ct);
            await Steps.FollowUpAndClose(name, ct);
            await Steps.AwaitClosed(name, ct);
            lock (ClosedAt)
                ClosedAt[name] = _clock.Elapsed;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            lock (Failures)
                Failures.Add($"case {i}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Each call made again, the same request, after a failure that passes — beyond the client library's own
    /// bounded retries, since an outage here may last minutes, and counting a stream or a connection cut (INTERNAL,
    /// UNKNOWN, ABORTED, CANCELLED) as passing.
    /// </summary>
    public async Task<T> Call<T>(Func<Task<T>> call, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (MediationRefusal e) when (Passing.Contains(e.Code) && !ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }
}
