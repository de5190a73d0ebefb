using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Operations.Domain;

/// <summary>
/// An event that answers escalations of a case: those of its kind (and subject, when it names one) that its
/// service raised earlier in its own order; or, when the case ended, all of them. Kept, so that an answer
/// that arrives before the escalation it answers still resolves it.
/// </summary>
public sealed class Resolution
{
    public long Id { get; set; }
    public required string CaseId { get; init; }
    /// <summary>Null: the case ended (closed, withdrawn, rejected, a duplicate), which answers everything.</summary>
    public EscalationKind? Kind { get; init; }
    /// <summary>Null: every subject of the kind (a verified checklist answers all its checks).</summary>
    public string? Subject { get; init; }
    public int Sequence { get; init; }
    public DateTime OccurredAt { get; init; }

    public bool Resolves(Escalation x) =>
        Kind is null
        || (Kind == x.Kind && (Subject is null || Subject == x.Subject)
            && new EventPosition(Sequence, OccurredAt) > new EventPosition(x.RaisedSequence, x.RaisedAt));

    /// <summary>Resolves <paramref name="x"/> if it answers it, at the earliest answer's time whatever order they came in.</summary>
    public void Settle(Escalation x)
    {
        if (Resolves(x) && (x.ResolvedAt is null || OccurredAt < x.ResolvedAt))
            x.ResolvedAt = OccurredAt;
    }

    public bool SameAs(Resolution other) =>
        (other.CaseId, other.Kind, other.Subject, other.Sequence, other.OccurredAt) == (CaseId, Kind, Subject, Sequence, OccurredAt);
}
