namespace Mediation.Handover.Domain;

/// <summary>Something that went wrong during a handover, for the whole batch or one child; the note stays in this service.</summary>
public sealed class Incident
{
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public string? CaseId { get; set; }
    public IncidentKind Kind { get; set; }
    public required string Note { get; set; }
    public bool HeldBack { get; set; }
    public required string PartyId { get; set; }
    public required string Officer { get; set; }
    public DateTime RecordedAt { get; set; }
}
