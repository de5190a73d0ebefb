using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Operations.Domain;

/// <summary>
/// The stage one service last reported for a case, kept by that service's own order of events
/// (<see cref="EventPosition"/>): a report that arrives after a later one changes nothing, so the result is
/// the same whatever order the reports arrived in.
/// </summary>
public sealed class ReportedStage
{
    /// <summary>A stage as <see cref="CaseStages"/> names it; null until the service has reported one.</summary>
    public string? Stage { get; set; }
    public EventPosition Position { get; set; }

    /// <summary>Takes <paramref name="stage"/> if it was reported later than the stage held; true if it did.</summary>
    public bool Take(string stage, EventPosition at)
    {
        // Two stages at one position cannot come from one change; should they, the same one wins either way.
        if (Stage is { } held && (at < Position || (at == Position && string.CompareOrdinal(stage, held) <= 0)))
            return false;
        (Stage, Position) = (stage, at);
        return true;
    }
}
