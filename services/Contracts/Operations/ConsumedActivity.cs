namespace Mediation.Contracts;

/// <summary>
/// One message type on one queue in an <see cref="InstanceActivityReported"/> window. Durations are counts per fixed
/// exponential bucket (bucket 0: up to 1 ms, bucket k: up to 2^k ms), so windows and instances add up exactly.
/// </summary>
/// <param name="Processed">Deliveries consumed without an exception.</param>
/// <param name="Retries">Attempts that were a retry or a redelivery of the message.</param>
/// <param name="Failures">Attempts that ended in an exception (each retry that failed counts).</param>
/// <param name="ProcessingMs">From the delivery's receipt to the end of its processing, per bucket.</param>
/// <param name="CriticalMs">From the event's commit (or its sending) to the end of its processing, per bucket.</param>
public record ConsumedActivity(
    string MessageType,
    string Queue,
    long Processed,
    long Retries,
    long Failures,
    long[] ProcessingMs,
    double ProcessingSumMs,
    double ProcessingMaxMs,
    long[] CriticalMs,
    double CriticalSumMs,
    double CriticalMaxMs);
