using Mediation.Operations.Alerts;

namespace Mediation.Operations.Domain;

/// <summary>
/// Where one alert rule stands for one subject (a queue, a message type, a party, an instance), as the latest
/// evaluation left it. A row appears the first time the condition holds. <see cref="Version"/> is its concurrency
/// token: two operations instances evaluating at once both read the same row, and only the first write wins —
/// the other's whole evaluation (history included) is rolled back, so a transition is recorded once.
/// </summary>
public sealed class AlertState
{
    public required string Rule { get; init; }
    public required string Subject { get; init; }
    public AlertStatus Status { get; private set; }
    /// <summary>Since when it has been in <see cref="Status"/>.</summary>
    public DateTime Since { get; private set; }
    /// <summary>Since when the condition has held without a break; null while it does not.</summary>
    public DateTime? BreachedSince { get; private set; }
    /// <summary>The figure the condition compared, at the latest evaluation that changed it.</summary>
    public double Value { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>
    /// Applies one evaluation's reading; returns what the history gains (<see cref="AlertTransitions"/>), or null
    /// when nothing about the row changed (it is then not written).
    /// </summary>
    public AlertHistory? Observe(AlertReading reading, double forSeconds, DateTime now)
    {
        var breachedSince = reading.Breached ? BreachedSince ?? now : (DateTime?)null;
        var (to, history) = AlertTransitions.Next(Status, AlertTransitions.Input(reading.Breached, breachedSince, forSeconds, now));
        if (to == Status && breachedSince == BreachedSince && reading.Value == Value)
            return null;
        if (to != Status)
            Since = now;
        (Status, BreachedSince, Value, UpdatedAt) = (to, breachedSince, reading.Value, now);
        Version++;
        return history;
    }
}
