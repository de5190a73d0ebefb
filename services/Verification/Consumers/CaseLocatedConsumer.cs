using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Consumers;

/// <summary>
/// Opens a located case's checklist, fitted to the child by <see cref="ChecklistRules"/>; once per case. A
/// withdrawal or a withdrawn consent to share that reached this service first (it comes on another queue)
/// has left a row that this fills in and keeps: a withdrawn case's checklist never opens.
/// </summary>
public sealed class CaseLocatedConsumer(VerificationDb db, ChecklistRules rules, VerificationDeadlines deadlines, TimeProvider clock) : IConsumer<CaseLocated>
{
    public const string Endpoint = "verification-case-located";

    public Task Consume(ConsumeContext<CaseLocated> context) => db.ApplyOnce(context, Endpoint, clock, async now =>
    {
        var e = context.Message;
        var list = await db.Checklists.SingleOrDefaultAsync(c => c.CaseId == e.CaseId, context.CancellationToken);
        if (list is { Located: true })
            return;
        if (list is null)
            db.Checklists.Add(list = Checklist.AwaitingLocation(e.CaseId, now));
        var types = rules.ChecksFor(e.ChildAgeYears, e.HasSpecialNeeds, e.ClaimantIsParent);
        list.Locate(e.RequestingPartyId, e.HoldingPartyId, types, deadlines, now);
        if (e.SharingStopped)
            list.SharingStopped = true;
        if (list.State == ChecklistState.Open)
            db.Publish(new ChecklistOpened(e.CaseId, types.Select(Names.Of).ToList(), now, null, null, list.Version), now);
    });
}
