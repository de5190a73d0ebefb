namespace Mediation.Client;

/// <summary>
/// How often and how long a call is tried again after a failure that passes (UNAVAILABLE, DEADLINE_EXCEEDED,
/// RESOURCE_EXHAUSTED): always with the same request and so the same request id, which makes a retry of a
/// call that did take effect return its first answer. The service's <c>google.rpc.RetryInfo</c>, when it
/// sends one, says how long to wait; otherwise the wait doubles from <see cref="FirstDelay"/>, with jitter.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included (1: no retry).</param>
/// <param name="FirstDelay">The wait before the first retry when the service does not say.</param>
/// <param name="MaxDelay">The longest wait between two attempts; a service asking for a longer one ends the retries.</param>
/// <param name="AttemptTimeout">The deadline of each attempt (null: none beyond the caller's cancellation).</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan? AttemptTimeout = null)
{
    /// <summary>5 attempts, waits from 200 ms up to 10 s, 30 s per attempt.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    /// <summary>One attempt: every failure surfaces at once.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);
}
