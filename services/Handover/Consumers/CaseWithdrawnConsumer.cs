using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Handover.Domain;
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

    public Task Consume(ConsumeContext<CaseWithdrawn> context) => db.ApplyOnce(context, Endpoint, clock, async _ =>
    {
        var e = context.Message;
        var c = await db.Cases.SingleOrDefaultAsync(x => x.CaseId == e.CaseId, context.CancellationToken);
        if (c is null)
        {
            // Withdrawn before its verification reached this service: remember it, so that a late
            // CaseVerified cannot make it eligible for a batch.
            var marker = HandoverCase.AwaitingVerification(e.CaseId, e.PartyId);
            marker.Withdraw();
            db.Cases.Add(marker);
        }
        else if (!c.Withdraw())
            logger.LogWarning("Case {CaseId} was withdrawn while {State} in handover; its custody chain continues", c.CaseId, c.State);
    });
}
