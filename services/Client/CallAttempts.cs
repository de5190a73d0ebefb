using Google.Rpc;
using Grpc.Core;

namespace Mediation.Client;

/// <summary>
/// Makes one logical call under the connection's <see cref="RetryPolicy"/>: the same request (so the same
/// request id) on every attempt, a wait between them as long as the service's RetryInfo asks or else
/// doubling with jitter, and a <see cref="MediationRefusal"/> once the failure does not pass or the policy is spent.
/// </summary>
internal static class CallAttempts
{
    public static async Task<T> Run<T>(RetryPolicy policy, Func<DateTime?, Task<T>> attempt, CancellationToken ct)
    {
        var delay = policy.FirstDelay;
        for (var number = 1; ; number++)
        {
            var deadline = policy.AttemptTimeout is { } timeout ? DateTime.UtcNow + timeout : (DateTime?)null;
            try
            {
                return await attempt(deadline);
            }
            catch (RpcException e) when (!ct.IsCancellationRequested)
            {
                if (number >= policy.MaxAttempts || WaitBefore(e, delay, policy) is not { } wait)
                    throw new MediationRefusal(e, number);
                await Task.Delay(wait, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, policy.MaxDelay.Ticks));
            }
            catch (RpcException e)
            {
                // The caller cancelled: whatever status the call ended with, that is the reason it ended.
                throw new OperationCanceledException("The call was cancelled.", e, ct);
            }
        }
    }

    /// <summary>Whether a failure passes by itself, so that the same call may succeed a moment later.</summary>
    public static bool Passes(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted;

    /// <summary>How long to wait before trying <paramref name="failure"/> again, or null when it should not be.</summary>
    public static TimeSpan? WaitBefore(RpcException failure, TimeSpan backoff, RetryPolicy policy)
    {
        if (!Passes(failure.StatusCode))
            return null;
        var details = failure.GetRpcStatus();
        if (details?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan() is { } asked)
            return asked <= policy.MaxDelay ? asked : null;
        // RESOURCE_EXHAUSTED without RetryInfo is a message too large or a quota of open cases: waiting fixes neither.
        if (failure.StatusCode == StatusCode.ResourceExhausted)
            return null;
        // Jitter keeps many clients cut off by the same outage from coming back at the same instant.
        return backoff * (0.5 + Random.Shared.NextDouble() / 2);
    }
}
