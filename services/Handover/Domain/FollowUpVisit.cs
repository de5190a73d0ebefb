namespace Mediation.Handover.Domain;

public sealed class FollowUpVisit
{
    public required string CaseId { get; set; }
    public int Number { get; set; }
    public DateTime VisitedAt { get; set; }
    public required string PartyId { get; set; }
    public required string Officer { get; set; }
    public DateTime RecordedAt { get; set; }
}
