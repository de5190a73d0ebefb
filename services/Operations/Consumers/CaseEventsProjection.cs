using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Keeps the operators' view of every case from every service's events, once per message: the stage,
/// the parties, the child's age, where its handover stands, and what is overdue and on whom.
/// </summary>
public sealed class CaseEventsProjection(OperationsDb db, TimeProvider clock) :
    IConsumer<CaseSubmitted>, IConsumer<CaseAccepted>, IConsumer<CaseRejected>, IConsumer<CaseMarkedDuplicate>,
    IConsumer<CaseForwarded>, IConsumer<CaseLocated>, IConsumer<CaseNotLocated>, IConsumer<CaseWithdrawn>,
    IConsumer<HoldingAnswerOverdue>, IConsumer<ShareConsentWithdrawn>,
    IConsumer<ChecklistOpened>, IConsumer<CheckAttested>, IConsumer<CheckInformationProvided>, IConsumer<CheckOverdue>,
    IConsumer<ChecklistReopened>, IConsumer<CaseVerified>, IConsumer<CaseVerificationFailed>,
    IConsumer<CaseScheduledForHandover>, IConsumer<CustodyTransferred>, IConsumer<HandoverIncidentRecorded>,
    IConsumer<HoldReleased>, IConsumer<CaseReunited>, IConsumer<FollowUpVisitOverdue>, IConsumer<FollowUpVisitRecorded>,
    IConsumer<CaseClosed>
{
    public const string Endpoint = "operations-case-events";

    public Task Consume(ConsumeContext<CaseSubmitted> context) => Apply(context, (c, e) => { c.RequestingPartyId = e.RequestingPartyId; return Task.CompletedTask; });
    public Task Consume(ConsumeContext<CaseAccepted> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseRejected> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseMarkedDuplicate> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseForwarded> context) => Apply(context, (c, e) => { c.HoldingPartyId = e.HoldingPartyId; return Task.CompletedTask; });

    public Task Consume(ConsumeContext<CaseLocated> context) => Apply(context, (c, e) =>
    {
        (c.RequestingPartyId, c.HoldingPartyId, c.ChildAgeYears) = (e.RequestingPartyId, e.HoldingPartyId, e.ChildAgeYears);
        return Resolve(c.CaseId, e.OccurredAt, EscalationKind.HoldingAnswer);
    });

    public Task Consume(ConsumeContext<CaseNotLocated> context) => Apply(context, (c, e) => Resolve(c.CaseId, e.OccurredAt, EscalationKind.HoldingAnswer));
    public Task Consume(ConsumeContext<CaseWithdrawn> context) => Apply(context);
    public Task Consume(ConsumeContext<ShareConsentWithdrawn> context) => Apply(context);

    public Task Consume(ConsumeContext<HoldingAnswerOverdue> context) => Apply(context, (c, e) =>
        Raise(c.CaseId, EscalationKind.HoldingAnswer, "ANSWER", e.HoldingPartyId, e.DueAt, e.OccurredAt));

    public Task Consume(ConsumeContext<ChecklistOpened> context) => Apply(context);
    public Task Consume(ConsumeContext<CheckAttested> context) => Apply(context, (c, e) => Resolve(c.CaseId, e.OccurredAt, EscalationKind.Check, e.Check));
    public Task Consume(ConsumeContext<CheckInformationProvided> context) => Apply(context, (c, e) => Resolve(c.CaseId, e.OccurredAt, EscalationKind.Check, e.Check));
    public Task Consume(ConsumeContext<CheckOverdue> context) => Apply(context, (c, e) =>
        Raise(c.CaseId, EscalationKind.Check, e.Check, e.WaitingOn, e.DueAt, e.OccurredAt));
    public Task Consume(ConsumeContext<ChecklistReopened> context) => Apply(context);

    public Task Consume(ConsumeContext<CaseVerified> context) => Apply(context, (c, e) =>
    {
        (c.RequestingPartyId, c.HoldingPartyId) = (e.RequestingPartyId, e.HoldingPartyId);
        return Resolve(c.CaseId, e.OccurredAt, EscalationKind.Check);
    });

    public Task Consume(ConsumeContext<CaseVerificationFailed> context) => Apply(context, (c, e) => Resolve(c.CaseId, e.OccurredAt, EscalationKind.Check));

    public Task Consume(ConsumeContext<CaseScheduledForHandover> context) => Apply(context, (c, e) =>
    {
        // A child held back and planned into a later batch starts that batch with its current custodian.
        if (c.BatchId != e.BatchId)
        {
            c.BatchId = e.BatchId;
            c.LegsDone = 0;
            c.Custodian ??= c.HoldingPartyId is null ? null : "parties/" + c.HoldingPartyId;
            c.HeldBack = false;
        }
        return Task.CompletedTask;
    });

    public Task Consume(ConsumeContext<CustodyTransferred> context) => Apply(context, (c, e) =>
    {
        c.BatchId ??= e.BatchId;
        if (c.BatchId == e.BatchId && e.Leg >= c.LegsDone)
            (c.LegsDone, c.Custodian) = (e.Leg, e.ToCustodian);
        return Task.CompletedTask;
    });

    public Task Consume(ConsumeContext<HandoverIncidentRecorded> context) => Apply(context, (c, e) => { c.HeldBack |= e.HeldBack; return Task.CompletedTask; });
    public Task Consume(ConsumeContext<HoldReleased> context) => Apply(context, (c, _) => { c.HeldBack = false; return Task.CompletedTask; });
    public Task Consume(ConsumeContext<CaseReunited> context) => Apply(context);

    public Task Consume(ConsumeContext<FollowUpVisitOverdue> context) => Apply(context, (c, e) =>
        Raise(c.CaseId, EscalationKind.FollowUpVisit, e.VisitNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), "MEDIATOR", e.DueAt, e.OccurredAt));

    public Task Consume(ConsumeContext<FollowUpVisitRecorded> context) => Apply(context, (c, e) =>
        Resolve(c.CaseId, e.OccurredAt, EscalationKind.FollowUpVisit, e.VisitNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public Task Consume(ConsumeContext<CaseClosed> context) => Apply(context);

    private Task Apply<T>(ConsumeContext<T> context, Func<TrackedCase, T, Task>? also = null) where T : class, ICaseEvent =>
        db.ApplyOnce(context, Endpoint, clock, async now =>
        {
            var e = context.Message;
            var c = await db.Cases.SingleOrDefaultAsync(x => x.CaseId == e.CaseId, context.CancellationToken);
            if (c is null)
                db.Cases.Add(c = new TrackedCase { CaseId = e.CaseId });
            c.UpdatedAt = now;
            if (CaseStages.AfterEvent(typeof(T)) is { } stage)
                c.MoveTo(stage, e.OccurredAt);
            if (also is not null)
                await also(c, e);
            if (CaseStages.IsFinal(c.Stage))
                await Resolve(c.CaseId, e.OccurredAt, kind: null);
        });

    private async Task Raise(string caseId, EscalationKind kind, string subject, string waitingOn, DateTime dueAt, DateTime raisedAt)
    {
        // Each service escalates an item once; a repeat (e.g. after a restart) is the same item.
        if (await db.Escalations.AnyAsync(x => x.CaseId == caseId && x.Kind == kind && x.Subject == subject && x.ResolvedAt == null))
            return;
        db.Escalations.Add(new Escalation { CaseId = caseId, Kind = kind, Subject = subject, WaitingOn = waitingOn, DueAt = dueAt, RaisedAt = raisedAt });
    }

    private async Task Resolve(string caseId, DateTime at, EscalationKind? kind, string? subject = null)
    {
        var open = await db.Escalations
            .Where(x => x.CaseId == caseId && x.ResolvedAt == null && (kind == null || x.Kind == kind) && (subject == null || x.Subject == subject))
            .ToListAsync();
        // Rows raised in this unit of work are not in the database yet.
        open.AddRange(db.Escalations.Local.Where(x => x.CaseId == caseId && x.ResolvedAt == null && x.Id == 0
            && (kind == null || x.Kind == kind) && (subject == null || x.Subject == subject)));
        foreach (var x in open)
            x.ResolvedAt = at;
    }
}
