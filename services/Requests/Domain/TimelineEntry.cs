namespace Mediation.Requests.Domain;

/// <summary>One event in a case's life, from any service. Summaries carry no personal data.</summary>
public sealed class TimelineEntry
{
    /// <summary>Numbered in commit order: the live stream follows it (see <c>TimelineCommitOrder</c>).</summary>
    public long Sequence { get; set; }
    public required string CaseId { get; set; }
    /// <summary>
    /// The holding party the case was with when the entry was recorded (null before it was first forwarded): a
    /// holding party reads only the entries of its own time with the case, and those from before any.
    /// </summary>
    public string? HoldingPartyId { get; set; }
    public required string Type { get; set; }
    public required string Service { get; set; }
    public string? PartyId { get; set; }
    public string? Officer { get; set; }
    /// <summary>The case's stage when the entry was committed; a read in the order things happened works it out again (<see cref="CaseTimeline"/>).</summary>
    public CaseStage Stage { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>The event's <see cref="Mediation.Contracts.ICaseEvent.Sequence"/> in the service that produced it.</summary>
    public int ProducerSequence { get; set; }
    public string Summary { get; set; } = "";
}
