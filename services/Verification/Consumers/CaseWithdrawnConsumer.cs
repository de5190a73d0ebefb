using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Consumers;

/// <summary>
/// A withdrawn case's open checklist stops taking attestations; once per message. Withdrawn before its
/// <c>CaseLocated</c> reached this service, the case gets a withdrawn row, so that its checklist never opens.
/// </summary>
public sealed class CaseWithdrawnConsumer(VerificationDb db, TimeProvider clock) : IConsumer<CaseWithdrawn>
{
    public const string Endpoint = "verification-case-withdrawn";

    public Task Consume(ConsumeContext<CaseWithdrawn> context) => db.ApplyOnce(context, Endpoint, clock, async now =>
    {
        var caseId = context.Message.CaseId;
        // With its checks: none of them waits on anybody any more.
        var list = await db.Checklists.Include(c => c.Checks).SingleOrDefaultAsync(c => c.CaseId == caseId, context.CancellationToken);
        if (list is null)
            db.Checklists.Add(list = Checklist.AwaitingLocation(caseId, now));
        list.Withdraw(now);
    });
}
