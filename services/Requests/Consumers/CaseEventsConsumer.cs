using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mediation.Requests.Consumers;

/// <summary>
/// Keeps each case's stage and timeline from the other services' events, applying each message once and
/// each event once even under a new message id. The stage comes from the latest stage each service
/// reported (<see cref="StageProjection"/>), so events may arrive in any order, late or twice: none is a
/// fault, and the case ends the same.
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

    public Task Consume(ConsumeContext<ChecklistOpened> context) => Apply(context, StageProjection.Verification);
    public Task Consume(ConsumeContext<CheckAttested> context) => Apply(context, StageProjection.Verification);
    public Task Consume(ConsumeContext<CaseVerified> context) => Apply(context, StageProjection.Verification);
    public Task Consume(ConsumeContext<CaseVerificationFailed> context) => Apply(context, StageProjection.Verification);
    public Task Consume(ConsumeContext<ChecklistReopened> context) => Apply(context, StageProjection.Verification);
    public Task Consume(ConsumeContext<CheckInformationProvided> context) => Apply(context, StageProjection.Verification);
    public Task Consume(ConsumeContext<CheckOverdue> context) => Apply(context, StageProjection.Verification);
    public Task Consume(ConsumeContext<CaseScheduledForHandover> context) => Apply(context, StageProjection.Handover);
    public Task Consume(ConsumeContext<CustodyTransferred> context) => Apply(context, StageProjection.Handover);
    public Task Consume(ConsumeContext<CaseReunited> context) => Apply(context, StageProjection.Handover);
    public Task Consume(ConsumeContext<FollowUpVisitRecorded> context) => Apply(context, StageProjection.Handover);
    public Task Consume(ConsumeContext<CaseClosed> context) => Apply(context, StageProjection.Handover);
    public Task Consume(ConsumeContext<HandoverIncidentRecorded> context) => Apply(context, StageProjection.Handover);
    public Task Consume(ConsumeContext<HoldReleased> context) => Apply(context, StageProjection.Handover);
    public Task Consume(ConsumeContext<FollowUpVisitOverdue> context) => Apply(context, StageProjection.Handover);

    private Task Apply<T>(ConsumeContext<T> context, string service) where T : class, ICaseEvent =>
        db.ApplyOnce(context, Endpoint, clock, async now =>
        {
            var e = context.Message;
            var ct = context.CancellationToken;
            var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == e.CaseId, ct);
            if (c is null)
            {
                logger.LogWarning("{Event} for unknown case {CaseId} ignored", typeof(T).Name, e.CaseId);
                return;
            }
            // The same event under another message id (re-sent, or retried by an operator) is on the timeline already.
            var type = typeof(T).Name;
            await db.Timeline.Where(t => t.CaseId == c.Id && t.Service == service && t.Type == type && t.ProducerSequence == e.Sequence).LoadAsync(ct);
            c.Take(service, e, now);
        });
}
