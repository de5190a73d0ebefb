namespace Mediation.Contracts;

/// <summary>
/// Something that happened to one case. Carries ids, parties and stages only:
/// never a child's or a relative's personal data, because every service and
/// every broker operator can read the bus.
/// </summary>
public interface ICaseEvent
{
    string CaseId { get; }
    DateTime OccurredAt { get; }
    /// <summary>Party id that acted, or null when the system did.</summary>
    string? PartyId { get; }
    /// <summary>Officer named by the acting party (an id, not a personal name of a child or relative).</summary>
    string? Officer { get; }
    /// <summary>
    /// Where this event stands among its producing service's events for the case: that service's version of
    /// the case after the change (requests' case, verification's checklist, handover's case). Consumers keep
    /// the highest applied per case and producer, so an event that arrives late cannot undo a later one.
    /// Events of one change share it; 0 on an event published before sequences existed.
    /// </summary>
    int Sequence { get; }
}
