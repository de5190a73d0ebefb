using MassTransit;
using Mediation.Contracts;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mediation.Handover.Consumers;

/// <summary>
/// A withdrawn case can no longer join a batch. A child already in transfer stays in the custody
/// chain until the handover is completed or aborted: that is logged for the operators, not undone.
/// </summary>
public sealed class CaseWithdrawnConsumer(HandoverDb db, TimeProvider clock, ILogger<CaseWithdrawnConsumer> logger) : IConsumer<CaseWithdrawn>
{
    public const string Endpoint = "handover-case-withdrawn";

    public async Task Consume(ConsumeContext<CaseWithdrawn> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.ClaimDelivery(context.MessageId ?? throw new InvalidOperationException("message without id"), Endpoint, now, ct))
            return;
        var c = await db.Cases.SingleOrDefaultAsync(x => x.CaseId == context.Message.CaseId, ct);
        if (c is not null && !c.Withdraw())
            logger.LogWarning("Case {CaseId} was withdrawn while {State} in handover; its custody chain continues", c.CaseId, c.State);
        await db.SaveChangesAsync(ct);
    }
}
