using MassTransit;
using Mediation.Contracts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Stores the case-flow steps every process ships (<see cref="CaseFlowRecorded"/>), each once by its step id: the
/// ids already stored are skipped, and a batch stored at the same moment by another consumer (the same batch
/// delivered twice, two operations instances) makes this commit conflict on the key and start over, skipping them.
/// </summary>
public sealed class FlowIntake(OperationsDb db) : IConsumer<CaseFlowRecorded>
{
    public const string Endpoint = "operations-flow";
    private const int Attempts = 5;

    public async Task Consume(ConsumeContext<CaseFlowRecorded> context)
    {
        var ct = context.CancellationToken;
        var steps = (context.Message.Steps ?? []).Take(CaseFlowRecorded.MaxSteps).Select(FlowStep.From).DistinctBy(s => s.StepId).ToList();
        if (steps.Count == 0)
            return;
        for (var attempt = 1; ; attempt++)
        {
            var ids = steps.Select(s => s.StepId).ToList();
            var stored = (await db.Set<FlowStep>().AsNoTracking().Where(s => ids.Contains(s.StepId)).Select(s => s.StepId).ToListAsync(ct)).ToHashSet();
            var fresh = steps.Where(s => !stored.Contains(s.StepId)).ToList();
            if (fresh.Count == 0)
                return;
            db.Set<FlowStep>().AddRange(fresh);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another consumer stored some of them first: read again what is stored, insert the rest.
                db.StartOver();
            }
        }
    }
}
