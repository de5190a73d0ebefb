using MassTransit;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Consumers;

/// <summary>Opens a located case's checklist, fitted to the child by <see cref="ChecklistRules"/>; once per case.</summary>
public sealed class CaseLocatedConsumer(VerificationDb db, ChecklistRules rules, TimeProvider clock) : IConsumer<CaseLocated>
{
    public const string Endpoint = "verification-case-located";

    public async Task Consume(ConsumeContext<CaseLocated> context)
    {
        var e = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.ClaimDelivery(context.MessageId ?? throw new InvalidOperationException("message without id"), Endpoint, now, ct))
            return;
        if (!await db.Checklists.AnyAsync(c => c.CaseId == e.CaseId, ct))
        {
            var types = rules.ChecksFor(e.ChildAgeYears, e.HasSpecialNeeds, e.ClaimantIsParent);
            db.Checklists.Add(Checklist.Open(e.CaseId, e.RequestingPartyId, e.HoldingPartyId, types, now));
            db.Publish(new ChecklistOpened(e.CaseId, types.Select(Names.Of).ToList(), now, null, null), now);
        }
        await db.SaveChangesAsync(ct);
    }
}
