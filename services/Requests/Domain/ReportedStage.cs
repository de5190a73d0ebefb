using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Requests.Domain;

/// <summary>
/// The stage another service last reported for a case, kept by that service's own order of events
/// (<see cref="EventPosition"/>): a report that arrives after a later one changes nothing, so the result is
/// the same whatever order the reports arrived in.
/// </summary>
public sealed class ReportedStage
{
    /// <summary>Null until the service has reported a stage.</summary>
    public CaseStage? Stage { get; set; }
    public EventPosition Position { get; set; }

    /// <summary>Takes <paramref name="stage"/> if it was reported later than the stage held; true if it did.</summary>
    public bool Take(CaseStage stage, EventPosition at)
    {
        // Two stages at one position cannot come from one change; should they, the further one wins either way.
        if (Stage is { } held && (at < Position || (at == Position && stage <= held)))
            return false;
        (Stage, Position) = (stage, at);
        return true;
    }
}
