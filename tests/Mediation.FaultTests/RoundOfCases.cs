using System.Diagnostics;
using Grpc.Core;
using Mediation.Host.Demo;
using Mediation.IntegrationTests;
using Common = Mediation.Api.Common.V1;

namespace Mediation.FaultTests;

/// <summary>
/// Cases driven through their whole life at once, each step by the party that owns it, as partners' systems
/// would: when a call fails for a reason that passes (a service or the broker away, a lost race), the party
/// waits a moment and calls again with the same request id. Records when each case was seen CLOSED.
/// </summary>
public sealed class RoundOfCases(DistributedServices services, string tag, int count)
{
    private static readonly StatusCode[] Passing =
        [StatusCode.Unavailable, StatusCode.Internal, StatusCode.Unknown, StatusCode.DeadlineExceeded, StatusCode.Aborted, StatusCode.Cancelled, StatusCode.ResourceExhausted];

    private readonly CaseSteps _steps = new(
        services.Keys.Client(services.Addresses, "requester-1", "fault-r"), services.Keys.Client(services.Addresses, "holder-1", "fault-h"),
        services.Keys.Client(services.Addresses, "mediator", "fault-m"), patience: TimeSpan.FromMinutes(10));

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _progressed;

    public List<string> Cases { get; } = [];
    public Dictionary<string, TimeSpan> ClosedAt { get; } = [];
    public List<string> Failures { get; } = [];
    public TimeSpan Elapsed => _clock.Elapsed;
    public CaseSteps Steps => _steps;

    /// <summary>How many cases have got past their checks so far (a fault is best injected with cases at every stage).</summary>
    public int Progressed => Volatile.Read(ref _progressed);

    public Task Run(CancellationToken ct) => Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => One(i, ct), ct)));

    private async Task One(int i, CancellationToken ct)
    {
        try
        {
            var submit = IntegrationTests.Requests.OneChild($"{tag}-{i}", given: $"Fault{tag}{i}");
            var name = (await Retrying(() => _steps.Requester.Requests.SubmitRequestAsync(submit, _steps.Requester.Headers, cancellationToken: ct).ResponseAsync, ct)).Cases[0].Name;
            lock (Cases)
                Cases.Add(name);
            await Retrying(() => _steps.ReviewAndLocate(name, new Common.Place { Region = "Test Region", Settlement = "Test Town" }, ct), ct);
            await Retrying(() => _steps.PassEveryCheck(name, ct), ct);
            Interlocked.Increment(ref _progressed);
            await Retrying(() => _steps.AwaitHandover(name, ct), ct);
            var batch = await Retrying(() => _steps.PlanBatch($"{tag}-batch-{i}", [name], ct), ct);
            foreach (var leg in batch.Legs)
                await Retrying(() => _steps.AcknowledgeLeg(batch, leg, name, ct), ct);
            await Retrying(() => _steps.FollowUpAndClose(name, ct), ct);
            await Retrying(() => _steps.AwaitClosed(name, ct), ct);
            lock (ClosedAt)
                ClosedAt[name] = _clock.Elapsed;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            lock (Failures)
                Failures.Add($"case {i}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task Retrying(Func<Task> step, CancellationToken ct) => await Retrying(async () => { await step(); return 0; }, ct);

    private static async Task<T> Retrying<T>(Func<Task<T>> step, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await step();
            }
            catch (RpcException e) when (Passing.Contains(e.StatusCode) && !ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }
}
