using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using HdrHistogram;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Bench;

/// <summary>
/// What waiting event streams cost the host, and how soon a commit reaches a stream: <c>idle</c> streams
/// that have nothing to receive are opened and held while the host's CPU time (from /proc) is taken over a
/// span; then one party's stream receives each of <c>events</c> cases submitted one after another, timed
/// from the call's start to the event's arrival (the call's own time for comparison).
/// </summary>
public static class Watchers
{
    public sealed record Result(int Idle, double HostCpuSeconds, double Seconds, LongHistogram ToEvent, LongHistogram Call);

    public static async Task<Result> Run(string target, int hostPid, string idleKey, string requesterKey, int idle, TimeSpan settle, TimeSpan span, int events)
    {
        using var channel = GrpcChannel.ForAddress(target, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        var client = new RequestsApi.RequestsService.RequestsServiceClient(channel);
        using var stop = new CancellationTokenSource();
        var idleHeaders = new Metadata { { "authorization", "Bearer " + idleKey } };
        var streams = new List<AsyncServerStreamingCall<RequestsApi.WatchCaseEventsResponse>>();
        var draining = new List<Task>();
        for (var i = 0; i < idle; i++)
        {
            var call = client.WatchCaseEvents(new(), idleHeaders, cancellationToken: stop.Token);
            streams.Add(call);
            draining.Add(Drain(call, stop.Token));
        }
        // Let every stream open and make its first read before the span starts (a benchmark may wait).
        await Task.Delay(settle);
        if (draining.FirstOrDefault(t => t.IsCompleted) is { } ended)
            await ended;

        var cpu0 = Costs.CpuSeconds(hostPid);
        var clock = Stopwatch.StartNew();
        await Task.Delay(span);
        var cpu = Costs.CpuSeconds(hostPid) - cpu0;
        var seconds = clock.Elapsed.TotalSeconds;

        var headers = new Metadata { { "authorization", "Bearer " + requesterKey }, { "x-officer", "bench" } };
        var arrived = new Dictionary<string, TaskCompletionSource<long>>();
        using var watch = client.WatchCaseEvents(new(), headers, cancellationToken: stop.Token);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in watch.ResponseStream.ReadAllAsync(stop.Token))
                {
                    if (e.Event.Type != "CaseSubmitted")
                        continue;
                    var at = Stopwatch.GetTimestamp();
                    lock (arrived)
                    {
                        if (!arrived.TryGetValue(e.Case, out var tcs))
                            arrived[e.Case] = tcs = new TaskCompletionSource<long>();
                        tcs.TrySetResult(at);
                    }
                }
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
            }
        });
        var toEvent = new LongHistogram(TimeStamp.Minutes(1), 3);
        var callTime = new LongHistogram(TimeStamp.Minutes(1), 3);
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var n = 0; n < events; n++)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await client.SubmitRequestAsync(IntakeRequests.OneChild($"watch-{run}", n), headers);
            var answered = Stopwatch.GetTimestamp();
            TaskCompletionSource<long> tcs;
            lock (arrived)
                if (!arrived.TryGetValue(response.Cases[0].Name, out tcs!))
                    arrived[response.Cases[0].Name] = tcs = new TaskCompletionSource<long>();
            var at = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
            toEvent.RecordValue(Micros(at - start));
            callTime.RecordValue(Micros(answered - start));
        }
        await stop.CancelAsync();
        await reading;
        streams.ForEach(s => s.Dispose());
        return new Result(idle, cpu, seconds, toEvent, callTime);
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
