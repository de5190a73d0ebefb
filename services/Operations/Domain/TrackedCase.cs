using System.Globalization;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;

namespace Mediation.Operations.Domain;

/// <summary>
/// What the operators may know of a case, kept from the bus: ids, parties, the stage, the child's age
/// in years and where its handover stands. Never a name, a date of birth or a place. Everything here is
/// worked out from the latest of each kind of event by its producer's order, so the same events give the
/// same case whatever order they arrived in.
/// </summary>
public sealed class TrackedCase
{
    public required string CaseId { get; init; }
    /// <summary>By <see cref="StageProjection"/> from the three reports below; kept for the dashboard's counts.</summary>
    public string Stage { get; set; } = CaseStages.Unknown;
    public ReportedStage Requests { get; set; } = new();
    public ReportedStage Verification { get; set; } = new();
    public ReportedStage Handover { get; set; } = new();
    public string? RequestingPartyId { get; set; }
    public string? HoldingPartyId { get; set; }
    /// <summary>The requests event that named <see cref="HoldingPartyId"/>; none while only verification has named it.</summary>
    public EventPosition HoldingNamedAt { get; set; }
    public int? ChildAgeYears { get; set; }
    /// <summary>The batch of the latest handover event that named one: a held-back child planned into a later batch moves.</summary>
    public string? BatchId { get; set; }
    public EventPosition BatchNamedAt { get; set; }
    public CustodyTransfer LastTransfer { get; set; } = new();
    /// <summary>The last custody leg both sides acknowledged in <see cref="BatchId"/> (0: none yet).</summary>
    public int LegsDone { get; set; }
    /// <summary><c>parties/{id}</c> or <c>claimant</c>; the holding party from joining a batch until the first leg is done.</summary>
    public string? Custodian { get; set; }
    public bool HeldBack { get; set; }
    /// <summary>The handover event that last held the child back or let it go on.</summary>
    public EventPosition HoldChangedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: every event moves it, so two consumers of one case conflict and one retries.</summary>
    public int Version { get; set; }

    /// <summary>
    /// Takes one event of any service into the view, and into the case's escalations. Each part follows the latest
    /// event of its kind by its producer's sequence, so the order events arrive in does not matter; the version
    /// moves with every event, so that two consumers of one case conflict and one retries.
    /// </summary>
    public void Apply(ICaseEvent e, CaseEscalations escalations, DateTime now)
    {
        var at = EventPosition.Of(e);
        UpdatedAt = now;
        Version++;
        if (StageProjection.ReportedBy(e.GetType()) is { } report)
        {
            Report(report.Producer, report.Stage, at);
            if (CaseStages.IsFinal(report.Stage))
                escalations.CaseEnded(at);
        }
        switch (e)
        {
            case CaseSubmitted s:
                RequestingPartyId = s.RequestingPartyId;
                break;
            case CaseForwarded f:
                NameHolder(f.HoldingPartyId, at);
                break;
            case CaseLocated l:
                (RequestingPartyId, ChildAgeYears) = (l.RequestingPartyId, l.ChildAgeYears);
                NameHolder(l.HoldingPartyId, at);
                escalations.Answer(EscalationKind.HoldingAnswer, null, at);
                break;
            case CaseNotLocated:
                escalations.Answer(EscalationKind.HoldingAnswer, null, at);
                break;
            case HoldingAnswerOverdue o:
                escalations.Raise(EscalationKind.HoldingAnswer, "ANSWER", o.HoldingPartyId, o.DueAt, at);
                break;
            case CheckAttested a:
                escalations.Answer(EscalationKind.Check, a.Check, at);
                break;
            case CheckInformationProvided i:
                escalations.Answer(EscalationKind.Check, i.Check, at);
                break;
            case CheckOverdue o:
                escalations.Raise(EscalationKind.Check, o.Check, o.WaitingOn, o.DueAt, at);
                break;
            case CaseVerified v:
                RequestingPartyId = v.RequestingPartyId;
                NameHolderIfUnknown(v.HoldingPartyId);
                escalations.Answer(EscalationKind.Check, null, at);
                break;
            case CaseVerificationFailed:
                escalations.Answer(EscalationKind.Check, null, at);
                break;
            case CaseScheduledForHandover s:
                // A child held back and planned into a later batch starts that batch with its current custodian.
                SeeBatch(s.BatchId, at);
                Hold(false, at);
                break;
            case CustodyTransferred t:
                Transfer(t.BatchId, t.Leg, t.ToCustodian, at);
                break;
            case HandoverIncidentRecorded i:
                SeeBatch(i.BatchId, at);
                if (i.HeldBack)
                    Hold(true, at);
                break;
            case HoldReleased r:
                SeeBatch(r.BatchId, at);
                Hold(false, at);
                break;
            case CaseReunited r:
                SeeBatch(r.BatchId, at);
                break;
            case FollowUpVisitOverdue o:
                escalations.Raise(EscalationKind.FollowUpVisit, o.VisitNumber.ToString(CultureInfo.InvariantCulture), "MEDIATOR", o.DueAt, at);
                break;
            case FollowUpVisitRecorded r:
                escalations.Answer(EscalationKind.FollowUpVisit, r.VisitNumber.ToString(CultureInfo.InvariantCulture), at);
                break;
        }
    }

    public void Report(Producer producer, string stage, EventPosition at)
    {
        var report = producer switch
        {
            Producer.Verification => Verification,
            Producer.Handover => Handover,
            _ => Requests,
        };
        if (report.Take(stage, at))
            Stage = StageProjection.Of(Requests.Stage, Verification.Stage, Handover.Stage);
    }

    /// <summary>The holding party, as a requests event at <paramref name="at"/> names it (forwarded, located): the latest decides.</summary>
    public void NameHolder(string holdingPartyId, EventPosition at)
    {
        if (at <= HoldingNamedAt)
            return;
        (HoldingPartyId, HoldingNamedAt) = (holdingPartyId, at);
        Derive();
    }

    /// <summary>The holding party as verification names it: only while nothing has (the located holder's own event decides).</summary>
    public void NameHolderIfUnknown(string holdingPartyId)
    {
        if (HoldingPartyId is not null)
            return;
        HoldingPartyId = holdingPartyId;
        Derive();
    }

    public void SeeBatch(string batchId, EventPosition at)
    {
        if (at <= BatchNamedAt)
            return;
        (BatchId, BatchNamedAt) = (batchId, at);
        Derive();
    }

    public void Transfer(string batchId, int leg, string to, EventPosition at)
    {
        SeeBatch(batchId, at);
        if (LastTransfer.Take(batchId, leg, to, at))
            Derive();
    }

    /// <summary>Held back by an incident (true), or released or planned into a batch (false): the latest decides.</summary>
    public void Hold(bool heldBack, EventPosition at)
    {
        if (at <= HoldChangedAt)
            return;
        (HeldBack, HoldChangedAt) = (heldBack, at);
    }

    private void Derive()
    {
        LegsDone = LastTransfer.To is not null && LastTransfer.BatchId == BatchId ? LastTransfer.Leg : 0;
        Custodian = LastTransfer.To ?? (BatchId is not null && HoldingPartyId is not null ? "parties/" + HoldingPartyId : null);
    }
}
