using MassTransit;
using Mediation.Contracts;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Consumers;

/// <summary>A withdrawn case's open checklist stops taking attestations; once per message.</summary>
public sealed class CaseWithdrawnConsumer(VerificationDb db, TimeProvider clock) : IConsumer<CaseWithdrawn>
{
    public const string Endpoint = "verification-case-withdrawn";

    public async Task Consume(ConsumeContext<CaseWithdrawn> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.ClaimDelivery(context.MessageId ?? throw new InvalidOperationException("message without id"), Endpoint, now, ct))
            return;
        var list = await db.Checklists.SingleOrDefaultAsync(c => c.CaseId == context.Message.CaseId, ct);
        list?.Withdraw(now);
        await db.SaveChangesAsync(ct);
    }
}
