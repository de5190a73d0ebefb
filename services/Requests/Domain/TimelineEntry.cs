namespace Mediation.Requests.Domain;

/// <summary>One event in a case's life, from any service. Summaries carry no personal data.</summary>
public sealed class TimelineEntry
{
    public long Sequence { get; set; }
    public required string CaseId { get; set; }
    public required string Type { get; set; }
    public required string Service { get; set; }
    public string? PartyId { get; set; }
    public string? Officer { get; set; }
    public CaseStage Stage { get; set; }
    public DateTime OccurredAt { get; set; }
    public string Summary { get; set; } = "";
}
