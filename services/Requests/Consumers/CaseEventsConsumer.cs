using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mediation.Requests.Consumers;

/// <summary>
/// Keeps each case's stage and timeline from the other services' events, applying each message once.
/// An event that arrives before the one it follows (consumers run concurrently) is refused and retried;
/// on a final case (withdrawn, closed…) it only joins the timeline.
/// </summary>
public sealed class CaseEventsConsumer(RequestsDb db, TimeProvider clock, ILogger<CaseEventsConsumer> logger) :
    IConsumer<ChecklistOpened>,
    IConsumer<CheckAttested>,
    IConsumer<CaseVerified>,
    IConsumer<CaseVerificationFailed>,
    IConsumer<ChecklistReopened>,
    IConsumer<CheckInformationProvided>,
    IConsumer<CheckOverdue>,
    IConsumer<CaseScheduledForHandover>,
    IConsumer<CustodyTransferred>,
    IConsumer<CaseReunited>,
    IConsumer<FollowUpVisitRecorded>,
    IConsumer<CaseClosed>,
    IConsumer<HandoverIncidentRecorded>,
    IConsumer<HoldReleased>,
    IConsumer<FollowUpVisitOverdue>
{
    public const string Endpoint = "requests-case-events";

    public Task Consume(ConsumeContext<ChecklistOpened> context) => Apply(context, "verification", CaseAction.OpenChecklist);
    public Task Consume(ConsumeContext<CheckAttested> context) => Apply(context, "verification", null);
    public Task Consume(ConsumeContext<CaseVerified> context) => Apply(context, "verification", CaseAction.Verify);
    public Task Consume(ConsumeContext<CaseVerificationFailed> context) => Apply(context, "verification", CaseAction.FailVerification);
    public Task Consume(ConsumeContext<ChecklistReopened> context) => Apply(context, "verification", CaseAction.ReopenChecklist);
    public Task Consume(ConsumeContext<CheckInformationProvided> context) => Apply(context, "verification", null);
    public Task Consume(ConsumeContext<CheckOverdue> context) => Apply(context, "verification", null);
    public Task Consume(ConsumeContext<CaseScheduledForHandover> context) => Apply(context, "handover", CaseAction.ScheduleHandover);
    public Task Consume(ConsumeContext<CustodyTransferred> context) => Apply(context, "handover", null);
    public Task Consume(ConsumeContext<CaseReunited> context) => Apply(context, "handover", CaseAction.Reunite);
    public Task Consume(ConsumeContext<FollowUpVisitRecorded> context) => Apply(context, "handover", null);
    public Task Consume(ConsumeContext<CaseClosed> context) => Apply(context, "handover", CaseAction.Close);
    public Task Consume(ConsumeContext<HandoverIncidentRecorded> context) => Apply(context, "handover", null);
    public Task Consume(ConsumeContext<HoldReleased> context) => Apply(context, "handover", null);
    public Task Consume(ConsumeContext<FollowUpVisitOverdue> context) => Apply(context, "handover", null);

    private Task Apply<T>(ConsumeContext<T> context, string service, CaseAction? action) where T : class, ICaseEvent =>
        db.ApplyOnce(context, Endpoint, clock, async now =>
        {
            var e = context.Message;
            var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == e.CaseId, context.CancellationToken);
            if (c is null)
            {
                logger.LogWarning("{Event} for unknown case {CaseId} ignored", typeof(T).Name, e.CaseId);
                return;
            }
            if (action is { } a)
            {
                if (CaseTransitions.Next(c.Stage, a) is { } next)
                {
                    c.Stage = next;
                    c.Touch(now);
                }
                else if (!CaseTransitions.IsFinal(c.Stage))
                {
                    throw new InvalidOperationException($"{typeof(T).Name} for case {c.Id} in stage {c.Stage} arrived before the event it follows.");
                }
            }
            c.Record(typeof(T).Name, service, e.PartyId, e.Officer, e.OccurredAt, TimelineSummary.Of(e));
        });
}
