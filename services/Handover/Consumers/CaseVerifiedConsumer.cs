using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Handover.Consumers;

/// <summary>A verified case becomes eligible for a batch; once per case.</summary>
public sealed class CaseVerifiedConsumer(HandoverDb db, TimeProvider clock) : IConsumer<CaseVerified>
{
    public const string Endpoint = "handover-case-verified";

    public Task Consume(ConsumeContext<CaseVerified> context) => db.ApplyOnce(context, Endpoint, clock, async _ =>
    {
        var e = context.Message;
        if (!await db.Cases.AnyAsync(c => c.CaseId == e.CaseId, context.CancellationToken))
            db.Cases.Add(new HandoverCase { CaseId = e.CaseId, RequestingPartyId = e.RequestingPartyId, HoldingPartyId = e.HoldingPartyId, VerifiedAt = e.OccurredAt, SharingStopped = e.SharingStopped });
    });
}
