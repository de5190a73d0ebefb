using Mediation.BuildingBlocks.Persistence;
using Mediation.Operations.Alerts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Persistence.Postgres;
using Mediation.Operations.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// Two operations instances evaluate the same rule at the same moment, on one database (a SQLite file, a PostgreSQL
/// database): each transition is recorded once — one FIRING row in the history, one clear — and the loser's
/// evaluation writes nothing.
/// </summary>
public class AlertEvaluationConcurrencyTests
{
    private static readonly AlertRule Rule = new("TwoInstances", AlertKind.OpenFaults);
    private static readonly DateTime Start = new(2026, 12, 2, 5, 0, 0, DateTimeKind.Utc);

    private static AlertInputs OpenFaults(int count) => AlertInputs.None with
    {
        Faults = Enumerable.Range(0, count).Select(_ => new AlertInputs.Fault("CaseLocated", "verification-case-located", Start, Open: true)).ToList(),
    };

    private static Task<ConsumersOnDatabase<OperationsDb>> Database(bool postgres) => ConsumersOnDatabase<OperationsDb>.Start(postgres,
        b => b.AddServiceDatabase<OperationsDb, SqliteOperationsDb, PostgresOperationsDb>("operations"), _ => { });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_evaluators_that_read_before_either_writes_record_one_firing_and_one_clear(bool postgres)
    {
        await using var operations = await Database(postgres);
        await using var one = operations.Services.CreateAsyncScope();
        await using var other = operations.Services.CreateAsyncScope();
        var (db1, db2) = (one.ServiceProvider.GetRequiredService<OperationsDb>(), other.ServiceProvider.GetRequiredService<OperationsDb>());

        // Both see the first open fault before either has written: both would insert the subject's first row.
        var first = await AlertEvaluation.Prepare(db1, [Rule], OpenFaults(1), Start, default);
        var second = await AlertEvaluation.Prepare(db2, [Rule], OpenFaults(1), Start.AddMilliseconds(5), default);
        Assert.Equal(AlertStatus.Firing, Assert.Single(first.Transitions).To);
        Assert.Equal(AlertStatus.Firing, Assert.Single(second.Transitions).To);
        Assert.True(await first.Commit(default));
        Assert.False(await second.Commit(default));

        // Both see the fault retried before either has written: both would clear the same row (its concurrency token).
        var clearing1 = await AlertEvaluation.Prepare(db1, [Rule], OpenFaults(0), Start.AddSeconds(10), default);
        var clearing2 = await AlertEvaluation.Prepare(db2, [Rule], OpenFaults(0), Start.AddSeconds(10).AddMilliseconds(5), default);
        Assert.Equal(AlertStatus.Ok, Assert.Single(clearing2.Transitions).To);
        Assert.True(await clearing2.Commit(default));
        Assert.False(await clearing1.Commit(default));

        var history = await operations.Read(db => db.Set<AlertEvent>().AsNoTracking().Where(e => e.Rule == Rule.Name).ToListAsync());
        var episode = Assert.Single(history);
        Assert.Equal((Start, Start.AddSeconds(10).AddMilliseconds(5)), (episode.FiredAt, episode.ClearedAt!.Value));
        var state = await operations.Read(db => db.Set<AlertState>().AsNoTracking().SingleAsync(s => s.Rule == Rule.Name));
        Assert.Equal((AlertStatus.Ok, AlertRule.Overall), (state.Status, state.Subject));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_evaluators_running_at_once_record_each_episode_once(bool postgres)
    {
        const int episodes = 15;
        await using var operations = await Database(postgres);
        async Task Evaluate(int round)
        {
            // A fresh unit of work per evaluation, as the watch makes one per scan.
            await using var scope = operations.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OperationsDb>();
            var evaluation = await AlertEvaluation.Prepare(db, [Rule], OpenFaults(round % 2 == 0 ? 1 : 0), Start.AddSeconds(round), default);
            await evaluation.Commit(default);
        }
        for (var i = 0; i < 2 * episodes; i++)
        {
            var round = i;
            await Task.WhenAll(Task.Run(() => Evaluate(round)), Task.Run(() => Evaluate(round)));
        }

        var history = await operations.Read(db => db.Set<AlertEvent>().AsNoTracking().Where(e => e.Rule == Rule.Name).OrderBy(e => e.FiredAt).ToListAsync());
        Assert.Equal(episodes, history.Count);
        Assert.Equal(Enumerable.Range(0, episodes).Select(i => (Start.AddSeconds(2 * i), (DateTime?)Start.AddSeconds(2 * i + 1))),
            history.Select(e => (e.FiredAt, e.ClearedAt)));
    }
}
