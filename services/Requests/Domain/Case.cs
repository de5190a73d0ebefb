using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;

namespace Mediation.Requests.Domain;

/// <summary>One child's case: who asked, who must locate, where it stands, and its timeline.</summary>
public sealed class Case : IPartyScoped
{
    public required string Id { get; set; }
    public required string TracingRequestId { get; set; }
    public required string RequestingPartyId { get; set; }
    public string? HoldingPartyId { get; set; }
    public CaseStage Stage { get; set; } = CaseStage.Submitted;
    public required Child Child { get; set; }
    public List<Claimant> Claimants { get; set; } = [];
    public required ConsentRecord TraceConsent { get; set; }
    public required ConsentRecord ShareConsent { get; set; }
    /// <summary>Why the mediator forwarded the case without consent to share, when it did.</summary>
    public string? ConsentOverrideReason { get; set; }
    /// <summary>What the holding party tried, when it could not locate the child.</summary>
    public string? NotLocatedNote { get; set; }
    public Place? CurrentLocation { get; set; }
    public string? DuplicateOf { get; set; }
    public string? RejectionReason { get; set; }
    /// <summary>While forwarded: when the holding party is due to answer.</summary>
    public DateTime? AnswerDueAt { get; set; }
    /// <summary>When that deadline was escalated as overdue; null until then.</summary>
    public DateTime? AnswerEscalatedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: two writers of one case cannot both win.</summary>
    public int Version { get; set; }
    public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>Moves the case by the transition table, or refuses with FAILED_PRECONDITION.</summary>
    public void Apply(CaseAction action, DateTime now)
    {
        Stage = CaseTransitions.Next(Stage, action)
            ?? throw new TransitionRefused($"A case in stage {Stage} does not allow {action}.");
        if (Stage != CaseStage.Forwarded)
            AnswerDueAt = null;
        Touch(now);
    }

    /// <summary>The consent to share was withdrawn: the holding party sees the case's name and stage only.</summary>
    public bool SharingStopped => ShareConsent.WithdrawnAt is not null;

    /// <summary>Records the withdrawal of the consent to share; refused when already withdrawn or the case is over.</summary>
    public void WithdrawShareConsent(string by, DateTime now)
    {
        if (SharingStopped)
            throw new TransitionRefused("The consent to share was already withdrawn.");
        if (CaseTransitions.IsFinal(Stage))
            throw new TransitionRefused($"The case is {Stage}; nothing is shared any more.");
        ShareConsent.Given = false;
        ShareConsent.WithdrawnAt = now;
        ShareConsent.WithdrawnBy = by;
        Touch(now);
    }

    /// <summary>Forwarded to a holding party, which must answer by the deadline.</summary>
    public void AwaitAnswer(HoldingAnswerDeadline deadline, DateTime now)
    {
        AnswerDueAt = now + deadline.Within;
        AnswerEscalatedAt = null;
    }

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    public void Record(string type, string service, string? partyId, string? officer, DateTime occurredAt, string summary) =>
        Timeline.Add(new TimelineEntry
        {
            CaseId = Id,
            Type = type,
            Service = service,
            PartyId = partyId,
            Officer = officer,
            Stage = Stage,
            OccurredAt = occurredAt,
            Summary = summary,
        });
}
