namespace Mediation.Operations.Domain;

/// <summary>
/// Something overdue that another service escalated, and who it waits on, until an event that answers it
/// (<see cref="Resolution"/>). <see cref="Subject"/> is a check's type or a visit's number, never free text.
/// </summary>
public sealed class Escalation
{
    public long Id { get; set; }
    public required string CaseId { get; init; }
    public required EscalationKind Kind { get; init; }
    public required string Subject { get; init; }
    /// <summary>A party id (<c>holder-1</c>) or a kind of party (<c>HOLDING</c>, <c>MEDIATOR</c>).</summary>
    public required string WaitingOn { get; init; }
    /// <summary>With the case, kind and subject, names the escalation: a service escalates each deadline once.</summary>
    public DateTime DueAt { get; init; }
    public DateTime RaisedAt { get; init; }
    /// <summary>The overdue event's sequence in the service that raised it: answers later in that order resolve it.</summary>
    public int RaisedSequence { get; init; }
    /// <summary>When the earliest event that answers it happened; null while none has arrived.</summary>
    public DateTime? ResolvedAt { get; set; }
}

public enum EscalationKind
{
    HoldingAnswer = 1,
    Check = 2,
    FollowUpVisit = 3,
}
