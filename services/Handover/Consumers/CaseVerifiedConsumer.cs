using MassTransit;
using Mediation.Contracts;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Handover.Consumers;

/// <summary>A verified case becomes eligible for a batch; once per case.</summary>
public sealed class CaseVerifiedConsumer(HandoverDb db, TimeProvider clock) : IConsumer<CaseVerified>
{
    public const string Endpoint = "handover-case-verified";

    public async Task Consume(ConsumeContext<CaseVerified> context)
    {
        var e = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.ClaimDelivery(context.MessageId ?? throw new InvalidOperationException("message without id"), Endpoint, now, ct))
            return;
        if (!await db.Cases.AnyAsync(c => c.CaseId == e.CaseId, ct))
            db.Cases.Add(new HandoverCase { CaseId = e.CaseId, RequestingPartyId = e.RequestingPartyId, HoldingPartyId = e.HoldingPartyId, VerifiedAt = e.OccurredAt });
        await db.SaveChangesAsync(ct);
    }
}
