namespace Mediation.Operations.Domain;

/// <summary>
/// Something overdue that another service escalated, and who it waits on, until the event that
/// answers it arrives. <see cref="Subject"/> is a check's type or a visit's number, never free text.
/// </summary>
public sealed class Escalation
{
    public long Id { get; set; }
    public required string CaseId { get; init; }
    public required EscalationKind Kind { get; init; }
    public required string Subject { get; init; }
    /// <summary>A party id (<c>holder-1</c>) or a kind of party (<c>HOLDING</c>, <c>MEDIATOR</c>).</summary>
    public required string WaitingOn { get; init; }
    public DateTime DueAt { get; init; }
    public DateTime RaisedAt { get; init; }
    public DateTime? ResolvedAt { get; set; }
}

public enum EscalationKind
{
    HoldingAnswer = 1,
    Check = 2,
    FollowUpVisit = 3,
}
