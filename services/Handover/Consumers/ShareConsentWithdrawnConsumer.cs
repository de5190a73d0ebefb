using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Handover.Consumers;

/// <summary>
/// Sharing stopped: no transfer of the child is planned any more. A child already in transfer stays in
/// its custody chain until the handover completes or is aborted by an incident. Before the case's
/// <c>CaseVerified</c> reached this service, its row remembers it, so that the case can never join a batch.
/// </summary>
public sealed class ShareConsentWithdrawnConsumer(HandoverDb db, TimeProvider clock) : IConsumer<ShareConsentWithdrawn>
{
    public const string Endpoint = "handover-share-consent-withdrawn";

    public Task Consume(ConsumeContext<ShareConsentWithdrawn> context) => db.ApplyOnce(context, Endpoint, clock, async _ =>
    {
        var e = context.Message;
        var c = await db.Cases.SingleOrDefaultAsync(x => x.CaseId == e.CaseId, context.CancellationToken);
        if (c is null)
            db.Cases.Add(c = HandoverCase.AwaitingVerification(e.CaseId, e.PartyId));
        c.StopSharing();
    });
}
