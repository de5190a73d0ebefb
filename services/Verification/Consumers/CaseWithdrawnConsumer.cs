using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Consumers;

/// <summary>A withdrawn case's open checklist stops taking attestations; once per message.</summary>
public sealed class CaseWithdrawnConsumer(VerificationDb db, TimeProvider clock) : IConsumer<CaseWithdrawn>
{
    public const string Endpoint = "verification-case-withdrawn";

    public Task Consume(ConsumeContext<CaseWithdrawn> context) => db.ApplyOnce(context, Endpoint, clock, async now =>
    {
        var list = await db.Checklists.SingleOrDefaultAsync(c => c.CaseId == context.Message.CaseId, context.CancellationToken);
        list?.Withdraw(now);
    });
}
