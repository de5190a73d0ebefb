using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Operations.Domain;

/// <summary>
/// One case's escalations and the events that answered them, matched by each service's order rather than by
/// arrival: an answer resolves the escalations its service raised before it, and is kept, so that an answer
/// that arrives before the escalation it answers still resolves it. The collections are the case's rows;
/// adding to them adds rows.
/// </summary>
public sealed class CaseEscalations(string caseId, ICollection<Escalation> escalations, ICollection<Resolution> resolutions)
{
    public IEnumerable<Escalation> All => escalations;

    /// <summary>A deadline passed. Each service escalates a deadline once; the same one again (re-sent, repeated after a restart) is the same item.</summary>
    public void Raise(EscalationKind kind, string subject, string waitingOn, DateTime dueAt, EventPosition at)
    {
        var due = EventPosition.ToMicroseconds(dueAt);
        if (escalations.Any(x => x.Kind == kind && x.Subject == subject && x.DueAt == due))
            return;
        var raised = new Escalation
        {
            CaseId = caseId, Kind = kind, Subject = subject, WaitingOn = waitingOn, DueAt = due,
            RaisedAt = at.OccurredAt, RaisedSequence = at.Sequence,
        };
        foreach (var answer in resolutions)
            answer.Settle(raised);
        escalations.Add(raised);
    }

    /// <summary>An event that answers escalations of <paramref name="kind"/> (and <paramref name="subject"/>, if given) raised before it.</summary>
    public void Answer(EscalationKind kind, string? subject, EventPosition at) => Add(kind, subject, at);

    /// <summary>The case ended (closed, withdrawn, rejected, a duplicate): nothing about it is overdue any more.</summary>
    public void CaseEnded(EventPosition at) => Add(null, null, at);

    private void Add(EscalationKind? kind, string? subject, EventPosition at)
    {
        var answer = new Resolution { CaseId = caseId, Kind = kind, Subject = subject, Sequence = at.Sequence, OccurredAt = at.OccurredAt };
        if (resolutions.Any(answer.SameAs))
            return;
        resolutions.Add(answer);
        foreach (var x in escalations)
            answer.Settle(x);
    }
}
