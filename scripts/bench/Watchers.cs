using System.Diagnostics;
using Grpc.Core;
using HdrHistogram;
using Mediation.Client;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Bench;

/// <summary>
/// What waiting event streams cost the process that serves them, and how soon a commit reaches a stream.
/// <list type="bullet">
/// <item>The process's CPU time (from /proc) over a span with no stream of the benchmark open, then over as long a span
/// with <c>idle</c> streams open, shared among parties that have nothing to receive (each stream has opened and made
/// its first read, which is when the service sends its headers, before the span starts).</item>
/// <item>Then one party's stream receives the <c>CaseSubmitted</c> of each of <c>events</c> cases submitted one after
/// another (a few first, untimed, also see the stream caught up with what the party had before). Each is timed
/// from the call's start to the event's arrival, and from the call's answer to the event's arrival. The commit
/// happens between the two, so the push delay proper (commit → event) lies between them; an event that arrives
/// before the answer counts as 0 in the second and is counted apart.</item>
/// </list>
/// The calls may go to another instance of the service than the one the streams are on (<c>submitTo</c>): then the
/// event crosses between processes through the database's notices.
/// </summary>
public static class Watchers
{
    private const int Untimed = 5;

    public sealed record Result(int Idle, int IdleParties, double SecondsBefore, double CpuBefore, double SecondsIdle, double CpuIdle,
        LongHistogram FromCall, LongHistogram FromAnswer, int BeforeAnswer, LongHistogram Call);

    public static async Task<Result> Run(string target, string submitTo, int pid, IReadOnlyList<string> idleKeys, string requesterKey,
        int idle, TimeSpan span, int events)
    {
        using var channel = MediationConnection.Channel(new Uri(target));
        using var submitChannel = submitTo == target ? null : MediationConnection.Channel(new Uri(submitTo));
        var client = new RequestsApi.RequestsService.RequestsServiceClient(channel);
        var submitter = submitChannel is null ? client : new RequestsApi.RequestsService.RequestsServiceClient(submitChannel);
        using var stop = new CancellationTokenSource();

        // Each span starts once the process has settled (Costs.Quiet): work left from before, and the code the
        // streams' opening ran being tiered up, are not the waiting's cost.
        await Costs.Quiet(pid);
        var (secondsBefore, cpuBefore) = await CpuOver(pid, span);

        var streams = new List<AsyncServerStreamingCall<RequestsApi.WatchCaseEventsResponse>>();
        var draining = new List<Task>();
        for (var i = 0; i < idle; i++)
        {
            var call = client.WatchCaseEvents(new(), new Metadata { { "authorization", "Bearer " + idleKeys[i % idleKeys.Count] } }, cancellationToken: stop.Token);
            streams.Add(call);
            draining.Add(Drain(call, stop.Token));
        }
        foreach (var call in streams)
            await call.ResponseHeadersAsync;
        await Costs.Quiet(pid);
        // A stream the service refused (over its cap of streams per party) has ended by now: say so rather than measure fewer.
        if (draining.FirstOrDefault(t => t.IsCompleted) is { } ended)
        {
            await ended;
            throw new InvalidOperationException("an idle stream ended before the span");
        }
        var (secondsIdle, cpuIdle) = await CpuOver(pid, span);

        var headers = new Metadata { { "authorization", "Bearer " + requesterKey }, { "x-officer", "bench" } };
        var arrived = new Dictionary<string, TaskCompletionSource<long>>();
        TaskCompletionSource<long> Arrival(string caseName)
        {
            lock (arrived)
            {
                if (!arrived.TryGetValue(caseName, out var tcs))
                    arrived[caseName] = tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                return tcs;
            }
        }
        using var watch = client.WatchCaseEvents(new(), headers, cancellationToken: stop.Token);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in watch.ResponseStream.ReadAllAsync(stop.Token))
                    if (e.Event.Type == "CaseSubmitted")
                        Arrival(e.Case).TrySetResult(Stopwatch.GetTimestamp());
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
            }
        });
        await watch.ResponseHeadersAsync;
        var fromCall = new LongHistogram(TimeStamp.Minutes(1), 3);
        var fromAnswer = new LongHistogram(TimeStamp.Minutes(1), 3);
        var callTime = new LongHistogram(TimeStamp.Minutes(1), 3);
        var beforeAnswer = 0;
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var n = 0; n < Untimed + events; n++)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await submitter.SubmitRequestAsync(IntakeRequests.OneChild(run, n), headers);
            var answered = Stopwatch.GetTimestamp();
            // The first wait also lets the stream send whatever the party had before: entries arrive in commit order.
            var at = await Arrival(response.Cases[0].Name).Task.WaitAsync(TimeSpan.FromSeconds(60));
            if (n < Untimed)
                continue;
            fromCall.RecordValue(Micros(at - start));
            fromAnswer.RecordValue(Math.Max(0, Micros(at - answered)));
            callTime.RecordValue(Micros(answered - start));
            if (at < answered)
                beforeAnswer++;
        }
        await stop.CancelAsync();
        await reading;
        streams.ForEach(s => s.Dispose());
        await Task.WhenAll(draining);
        return new Result(idle, idleKeys.Count, secondsBefore, cpuBefore, secondsIdle, cpuIdle, fromCall, fromAnswer, beforeAnswer, callTime);
    }

    private static async Task<(double Seconds, double Cpu)> CpuOver(int pid, TimeSpan span)
    {
        var cpu0 = Costs.CpuSeconds(pid);
        var clock = Stopwatch.StartNew();
        await Task.Delay(span);
        return (clock.Elapsed.TotalSeconds, Costs.CpuSeconds(pid) - cpu0);
    }

    private static async Task Drain(AsyncServerStreamingCall<RequestsApi.WatchCaseEventsResponse> call, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync(ct))
            {
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long Micros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;
}
