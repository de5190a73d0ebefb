using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Handover.Consumers;

/// <summary>
/// Sharing stopped: no transfer of the child is planned any more. A child already in transfer stays in
/// its custody chain until the handover completes or is aborted by an incident.
/// </summary>
public sealed class ShareConsentWithdrawnConsumer(HandoverDb db, TimeProvider clock) : IConsumer<ShareConsentWithdrawn>
{
    public const string Endpoint = "handover-share-consent-withdrawn";

    public Task Consume(ConsumeContext<ShareConsentWithdrawn> context) => db.ApplyOnce(context, Endpoint, clock, async _ =>
    {
        var c = await db.Cases.SingleOrDefaultAsync(x => x.CaseId == context.Message.CaseId, context.CancellationToken);
        if (c is not null && !c.SharingStopped)
        {
            c.SharingStopped = true;
            c.Version++;
        }
    });
}
