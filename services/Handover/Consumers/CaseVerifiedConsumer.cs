using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Handover.Consumers;

/// <summary>
/// A verified case becomes eligible for a batch; once per case. A withdrawal or a withdrawn consent to share
/// that reached this service first (on another queue) has left a row that this fills in and keeps.
/// </summary>
public sealed class CaseVerifiedConsumer(HandoverDb db, TimeProvider clock) : IConsumer<CaseVerified>
{
    public const string Endpoint = "handover-case-verified";

    public Task Consume(ConsumeContext<CaseVerified> context) => db.ApplyOnce(context, Endpoint, clock, async _ =>
    {
        var e = context.Message;
        var c = await db.Cases.SingleOrDefaultAsync(x => x.CaseId == e.CaseId, context.CancellationToken);
        if (c is null)
            db.Cases.Add(c = HandoverCase.AwaitingVerification(e.CaseId, e.RequestingPartyId));
        c.Verify(e.RequestingPartyId, e.HoldingPartyId, e.OccurredAt, e.SharingStopped);
    });
}
