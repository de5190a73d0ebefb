using MassTransit.Mediator;
using Mediation.BuildingBlocks.Flow;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Operations.Consumers;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Persistence.Postgres;
using Mediation.Operations.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// Operations stores the case-flow steps each process ships, once each, on a SQLite file and on PostgreSQL: the same
/// batch delivered twice at once (a redelivery racing the first copy, or two operations instances) stores every step
/// once; and the inbox records what it applied and what it refused as a copy.
/// </summary>
public sealed class FlowIntakeTests
{
    private static Task<ConsumersOnDatabase<OperationsDb>> Operations(bool postgres) => ConsumersOnDatabase<OperationsDb>.Start(postgres,
        b => b.AddServiceDatabase<OperationsDb, SqliteOperationsDb, PostgresOperationsDb>("operations"),
        m =>
        {
            m.AddConsumer<FlowIntake>();
            m.AddConsumer<CaseEventsProjection>();
        });

    private static CaseFlowRecorded Batch(string caseId, int steps, int from = 0)
    {
        var at = DateTime.UtcNow;
        return new CaseFlowRecorded("test/1", [.. Enumerable.Range(from, steps).Select(i => new CaseFlowStep(
            CaseFlowStepIds.Consumed(IdOf($"{caseId}-{i}"), "operations-case-events"), CaseFlowStep.Consume, caseId,
            "operations", "test/1", IdOf($"{caseId}-{i}"), "Mediation.Contracts.CaseSubmitted",
            "operations-case-events", null, null, at.AddMilliseconds(i), at.AddMilliseconds(i + 1), 0, 0))], 0, at);
    }

    /// <summary>The same message id for the same step in every copy of a batch.</summary>
    private static Guid IdOf(string step) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(step)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_same_batch_consumed_twice_at_once_stores_each_step_once(bool postgres)
    {
        await using var operations = await Operations(postgres);
        var mediator = operations.Services.GetRequiredService<IMediator>();
        for (var round = 0; round < 5; round++)
        {
            var caseId = $"flow-{round}-{Guid.NewGuid():N}";
            var batch = Batch(caseId, CaseFlowRecorded.MaxSteps);
            // Three copies at once: each starts before any has committed, so they meet on the key.
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => mediator.Publish(batch))));
            // And again later, overlapping: only the new half is added.
            await mediator.Publish(Batch(caseId, CaseFlowRecorded.MaxSteps, from: CaseFlowRecorded.MaxSteps / 2));

            var stored = await operations.Read(db => db.Set<FlowStep>().AsNoTracking().Where(s => s.CaseId == caseId).Select(s => s.StepId).ToListAsync());
            Assert.Equal(CaseFlowRecorded.MaxSteps * 3 / 2, stored.Count);
            Assert.Equal(stored.Count, stored.Distinct().Count());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_consumer_records_what_it_applied_and_a_copy_it_refused_as_steps_of_the_case(bool postgres)
    {
        await using var operations = await Operations(postgres);
        var steps = operations.Services.GetRequiredService<CaseFlowSteps>();
        steps.Take(int.MaxValue);
        var caseId = Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid();
        var submitted = new CaseSubmitted(caseId, "request-1", "requester-1", DateTime.UtcNow, "requester-1", "officer-1", 1);
        await operations.Deliver(submitted, messageId);
        await operations.Deliver(submitted, messageId);

        var (recorded, dropped) = steps.Take(int.MaxValue);
        Assert.Equal(0, dropped);
        Assert.Equal([CaseFlowStep.Consume, CaseFlowStep.AlreadyApplied], recorded.Select(s => s.Kind));
        Assert.All(recorded, s => Assert.Equal((caseId, messageId, "operations", "operations-case-events", typeof(CaseSubmitted).FullName),
            (s.CaseId, s.MessageId!.Value, s.Service, s.Consumer, s.Type)));
        Assert.Equal(CaseFlowStepIds.Consumed(messageId, "operations-case-events"), recorded[0].StepId);
        Assert.True(recorded[0].EndedAt >= recorded[0].StartedAt);
    }
}
