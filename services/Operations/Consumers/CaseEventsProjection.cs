using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Series;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Keeps the operators' view of every case from every service's events, once per message: the stage,
/// the parties, the child's age, where its handover stands, and what is overdue and on whom
/// (<see cref="TrackedCase.Apply"/>). Events may arrive in any order, late or twice: the view ends the same.
/// </summary>
public sealed class CaseEventsProjection(OperationsDb db, LocalPoints points, TimeProvider clock) :
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

    public Task Consume(ConsumeContext<CaseSubmitted> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseAccepted> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseRejected> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseMarkedDuplicate> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseForwarded> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseLocated> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseNotLocated> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseWithdrawn> context) => Apply(context);
    public Task Consume(ConsumeContext<HoldingAnswerOverdue> context) => Apply(context);
    public Task Consume(ConsumeContext<ShareConsentWithdrawn> context) => Apply(context);
    public Task Consume(ConsumeContext<ChecklistOpened> context) => Apply(context);
    public Task Consume(ConsumeContext<CheckAttested> context) => Apply(context);
    public Task Consume(ConsumeContext<CheckInformationProvided> context) => Apply(context);
    public Task Consume(ConsumeContext<CheckOverdue> context) => Apply(context);
    public Task Consume(ConsumeContext<ChecklistReopened> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseVerified> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseVerificationFailed> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseScheduledForHandover> context) => Apply(context);
    public Task Consume(ConsumeContext<CustodyTransferred> context) => Apply(context);
    public Task Consume(ConsumeContext<HandoverIncidentRecorded> context) => Apply(context);
    public Task Consume(ConsumeContext<HoldReleased> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseReunited> context) => Apply(context);
    public Task Consume(ConsumeContext<FollowUpVisitOverdue> context) => Apply(context);
    public Task Consume(ConsumeContext<FollowUpVisitRecorded> context) => Apply(context);
    public Task Consume(ConsumeContext<CaseClosed> context) => Apply(context);

    private static readonly CompiledQuery<Func<OperationsDb, string, CancellationToken, Task<TrackedCase?>>> Tracked = new(() =>
        EF.CompileAsyncQuery((OperationsDb db, string caseId, CancellationToken ct) => db.Cases.SingleOrDefault(x => x.CaseId == caseId)));

    private async Task Apply<T>(ConsumeContext<T> context) where T : class, ICaseEvent
    {
        string? entered = null;
        await db.ApplyOnce(context, Endpoint, clock, async now =>
        {
            var e = context.Message;
            var ct = context.CancellationToken;
            // The first event of a case, whichever it is, inserts its row: two of them at once conflict on its key.
            var c = await Tracked.For(db)(db, e.CaseId, ct);
            if (c is null)
            {
                // A case's escalations and resolutions are only ever added with its row: a case not yet tracked has none to read.
                db.Cases.Add(c = new TrackedCase { CaseId = e.CaseId });
            }
            else
            {
                await db.Escalations.Where(x => x.CaseId == e.CaseId).LoadAsync(ct);
                await db.Resolutions.Where(x => x.CaseId == e.CaseId).LoadAsync(ct);
            }
            // Each message has a unit of work of its own, so what is tracked is this case's rows; adding to them adds rows.
            var before = c.Stage;
            c.Apply(e, new CaseEscalations(e.CaseId, db.Escalations.Local, db.Resolutions.Local), now);
            entered = c.Stage != before ? c.Stage : null;
        });
        // Counted once the move committed: a duplicate applies nothing, a lost race throws before this.
        if (entered is not null)
            points.Entered(entered);
    }
}
