using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Consumers;

/// <summary>Opens a located case's checklist, fitted to the child by <see cref="ChecklistRules"/>; once per case.</summary>
public sealed class CaseLocatedConsumer(VerificationDb db, ChecklistRules rules, VerificationDeadlines deadlines, TimeProvider clock) : IConsumer<CaseLocated>
{
    public const string Endpoint = "verification-case-located";

    public Task Consume(ConsumeContext<CaseLocated> context) => db.ApplyOnce(context, Endpoint, clock, async now =>
    {
        var e = context.Message;
        if (await db.Checklists.AnyAsync(c => c.CaseId == e.CaseId, context.CancellationToken))
            return;
        var types = rules.ChecksFor(e.ChildAgeYears, e.HasSpecialNeeds, e.ClaimantIsParent);
        var list = Checklist.Open(e.CaseId, e.RequestingPartyId, e.HoldingPartyId, types, deadlines, now);
        list.SharingStopped = e.SharingStopped;
        db.Checklists.Add(list);
        db.Publish(new ChecklistOpened(e.CaseId, types.Select(Names.Of).ToList(), now, null, null), now);
    });
}
