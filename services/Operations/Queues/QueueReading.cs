namespace Mediation.Operations.Queues;

/// <summary>One queue at one moment. Rates are messages per second over the last sampling interval.</summary>
public sealed record QueueReading(string Name, long Ready, long Unacknowledged, int Consumers, double PublishRate, double DeliverRate)
{
    /// <summary>Where failed messages land (<c>_error</c>) or skipped ones (<c>_skipped</c>); the faults panel shows them.</summary>
    public bool IsErrorQueue => Name.EndsWith("_error", StringComparison.Ordinal) || Name.EndsWith("_skipped", StringComparison.Ordinal);
}
