using System.Runtime.CompilerServices;
using Grpc.Core;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Client;

/// <summary>
/// <c>WatchCaseEvents</c> followed across breaks: each reconnection asks from the cursor of the last event
/// yielded, and the service numbers events in commit order, so what comes after a break is exactly what
/// followed that event — no gap, no repeat.
/// </summary>
internal static class CaseEventStream
{
    /// <summary>A watch is meant to last: it reconnects for as long as the caller follows it.</summary>
    public static RetryPolicy Reconnect { get; } = new(int.MaxValue, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    public static async IAsyncEnumerable<RequestsApi.WatchCaseEventsResponse> Follow(MediationConnection connection, string cursor, RetryPolicy reconnect,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var delay = reconnect.FirstDelay;
        var failures = 0;
        while (true)
        {
            using var call = connection.Requests.WatchCaseEvents(new() { Cursor = cursor }, connection.Options(ct));
            while (true)
            {
                RpcException? broke = null;
                var moved = false;
                try
                {
                    moved = await call.ResponseStream.MoveNext(ct);
                }
                catch (RpcException e) when (!ct.IsCancellationRequested)
                {
                    broke = e;
                }
                catch (RpcException e)
                {
                    throw new OperationCanceledException("The watch was cancelled.", e, ct);
                }
                if (broke is not null)
                {
                    failures++;
                    if (failures >= reconnect.MaxAttempts || Wait(broke, delay, reconnect) is not { } wait)
                        throw new MediationRefusal(broke, failures);
                    await Task.Delay(wait, ct);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, reconnect.MaxDelay.Ticks));
                    break;
                }
                if (!moved)
                {
                    // The service ended the stream (it is shutting down): follow on from where it stopped, after a
                    // pause, so that a service ending streams at once is not asked again and again.
                    await Task.Delay(delay, ct);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, reconnect.MaxDelay.Ticks));
                    break;
                }
                var item = call.ResponseStream.Current;
                cursor = item.Cursor;
                failures = 0;
                delay = reconnect.FirstDelay;
                yield return item;
            }
        }
    }

    /// <summary>
    /// A stream cut by the network or a service going away surfaces as UNAVAILABLE, or as INTERNAL/UNKNOWN/CANCELLED
    /// from the transport with nobody having cancelled: each is resumed. A refusal (a bad cursor, unknown
    /// credentials) is not: waiting would not change it.
    /// </summary>
    private static TimeSpan? Wait(RpcException broke, TimeSpan backoff, RetryPolicy reconnect) =>
        broke.StatusCode is StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled or StatusCode.Aborted
            ? backoff * (0.5 + Random.Shared.NextDouble() / 2)
            : CallAttempts.WaitBefore(broke, backoff, reconnect);
}
