using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Consumers;

/// <summary>
/// Sharing stopped: the holding party can no longer attest this case's checks. Before the case's
/// <c>CaseLocated</c> reached this service, its row remembers it for the checklist to come.
/// </summary>
public sealed class ShareConsentWithdrawnConsumer(VerificationDb db, TimeProvider clock) : IConsumer<ShareConsentWithdrawn>
{
    public const string Endpoint = "verification-share-consent-withdrawn";

    public Task Consume(ConsumeContext<ShareConsentWithdrawn> context) => db.ApplyOnce(context, Endpoint, clock, async now =>
    {
        var caseId = context.Message.CaseId;
        var list = await db.Checklists.SingleOrDefaultAsync(c => c.CaseId == caseId, context.CancellationToken);
        if (list is null)
            db.Checklists.Add(list = Checklist.AwaitingLocation(caseId, now));
        list.StopSharing(now);
    });
}
