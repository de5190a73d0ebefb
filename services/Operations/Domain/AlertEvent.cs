namespace Mediation.Operations.Domain;

/// <summary>
/// One episode of a rule firing for a subject: a row when it fires, its <see cref="ClearedAt"/> set when it clears
/// (a row per episode rather than per transition, so the history reads as "fired at … cleared at …" and an episode
/// still firing is the one row without ClearedAt). Cleared episodes are kept for 14 days.
/// </summary>
public sealed class AlertEvent
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(14);

    public long Id { get; set; }
    public required string Rule { get; init; }
    public required string Subject { get; init; }
    public DateTime FiredAt { get; init; }
    /// <summary>The figure that made it fire.</summary>
    public double FiredValue { get; init; }
    public double Threshold { get; init; }
    public DateTime? ClearedAt { get; set; }
}
