using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Consumers;

/// <summary>Sharing stopped: the holding party can no longer attest this case's checks.</summary>
public sealed class ShareConsentWithdrawnConsumer(VerificationDb db, TimeProvider clock) : IConsumer<ShareConsentWithdrawn>
{
    public const string Endpoint = "verification-share-consent-withdrawn";

    public Task Consume(ConsumeContext<ShareConsentWithdrawn> context) => db.ApplyOnce(context, Endpoint, clock, async now =>
    {
        var list = await db.Checklists.SingleOrDefaultAsync(c => c.CaseId == context.Message.CaseId, context.CancellationToken);
        if (list is not null && !list.SharingStopped)
        {
            list.SharingStopped = true;
            list.UpdatedAt = now;
            list.Version++;
        }
    });
}
