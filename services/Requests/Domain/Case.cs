using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;

namespace Mediation.Requests.Domain;

/// <summary>One child's case: who asked, who must locate, where it stands, and its timeline.</summary>
public sealed class Case : IPartyScoped
{
    public required string Id { get; set; }
    public required string TracingRequestId { get; set; }
    public required string RequestingPartyId { get; set; }
    public string? HoldingPartyId { get; set; }
    /// <summary>Where the case stands across every service (<see cref="StageProjection"/>); kept here for queries.</summary>
    public CaseStage Stage { get; set; } = CaseStage.Submitted;
    /// <summary>What the parties' calls here made of the case: submitted to located, or rejected, duplicate, withdrawn.</summary>
    public CaseStage RegistryStage { get; set; } = CaseStage.Submitted;
    /// <summary>The latest stage verification reported, by its checklist's sequence.</summary>
    public ReportedStage Verification { get; set; } = new();
    /// <summary>The latest stage handover reported, by its case's sequence.</summary>
    public ReportedStage Handover { get; set; } = new();
    public required Child Child { get; set; }
    public List<Claimant> Claimants { get; set; } = [];
    public required ConsentRecord TraceConsent { get; set; }
    public required ConsentRecord ShareConsent { get; set; }
    /// <summary>Why the mediator forwarded the case without consent to share, when it did.</summary>
    public string? ConsentOverrideReason { get; set; }
    /// <summary>What the holding party tried, when it could not locate the child.</summary>
    public string? NotLocatedNote { get; set; }
    /// <summary>The holding party that wrote <see cref="NotLocatedNote"/>: the only holding party that reads it.</summary>
    public string? NotLocatedByPartyId { get; set; }
    public Place? CurrentLocation { get; set; }
    public string? DuplicateOf { get; set; }
    public string? RejectionReason { get; set; }
    /// <summary>While forwarded: when the holding party is due to answer.</summary>
    public DateTime? AnswerDueAt { get; set; }
    /// <summary>When that deadline was escalated as overdue; null until then.</summary>
    public DateTime? AnswerEscalatedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>
    /// Optimistic concurrency: two writers of one case cannot both win. It is also the sequence of the events
    /// this service publishes about the case (<see cref="Mediation.Contracts.ICaseEvent.Sequence"/>), so every
    /// change that publishes one moves it first.
    /// </summary>
    public int Version { get; set; }
    public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>Moves the case by the transition table, or refuses with FAILED_PRECONDITION.</summary>
    public void Apply(CaseAction action, DateTime now)
    {
        RegistryStage = CaseTransitions.Next(Stage, action)
            ?? throw new TransitionRefused($"A case in stage {Stage} does not allow {action}.");
        Stage = StageProjection.Of(RegistryStage, Verification.Stage, Handover.Stage);
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

    /// <summary>
    /// An event of <paramref name="service"/> (verification or handover): takes the stage it reports if it is
    /// that service's latest, works the case's stage out again, and adds the event to the timeline. False,
    /// changing nothing, when the event is on the timeline already (the same event under another message id):
    /// the caller has the timeline, or at least its entries of that service, type and sequence, loaded. The
    /// version moves even when the stage does not, so that two consumers of one case conflict and one of them
    /// retries on what the other wrote.
    /// </summary>
    public bool Take(string service, ICaseEvent e, DateTime now)
    {
        var type = e.GetType().Name;
        var at = EventPosition.Of(e);
        var summary = TimelineSummary.Of(e);
        if (Timeline.Any(t => t.Service == service && t.Type == type && t.ProducerSequence == e.Sequence
                && t.OccurredAt == at.OccurredAt && t.Summary == summary && t.PartyId == e.PartyId && t.Officer == e.Officer))
            return false;
        Version++;
        var report = service == StageProjection.Verification ? Verification : Handover;
        if (StageProjection.ReportedBy(type) is { } reported && report.Take(reported, at))
        {
            var next = StageProjection.Of(RegistryStage, Verification.Stage, Handover.Stage);
            if (next != Stage)
                (Stage, UpdatedAt) = (next, now);
        }
        Record(type, service, e.PartyId, e.Officer, at.OccurredAt, e.Sequence, summary);
        return true;
    }

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Adds an event to the timeline; <paramref name="producerSequence"/> is its sequence in the service that produced it.</summary>
    public void Record(string type, string service, string? partyId, string? officer, DateTime occurredAt, int producerSequence, string summary) =>
        Timeline.Add(new TimelineEntry
        {
            CaseId = Id,
            HoldingPartyId = HoldingPartyId,
            Type = type,
            Service = service,
            PartyId = partyId,
            Officer = officer,
            Stage = Stage,
            OccurredAt = occurredAt,
            ProducerSequence = producerSequence,
            Summary = summary,
        });
}
