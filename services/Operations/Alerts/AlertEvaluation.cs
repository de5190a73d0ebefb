using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Alerts;

/// <summary>
/// One evaluation of every enabled rule against the stored states: <see cref="Prepare"/> reads the states and applies
/// the readings in memory; <see cref="Commit"/> writes the changed states and the history in one transaction. Another
/// operations instance that committed in between makes the commit conflict (a state's concurrency token, or the key of
/// a state both inserted): nothing of this evaluation is written, and the next one starts from what the other wrote.
/// </summary>
public sealed class AlertEvaluation
{
    public sealed record Transition(AlertRule Rule, string Subject, AlertStatus To, double Value);

    private readonly OperationsDb _db;

    private AlertEvaluation(OperationsDb db, IReadOnlyList<Transition> transitions)
    {
        _db = db;
        Transitions = transitions;
    }

    /// <summary>The status changes this evaluation makes (PENDING, FIRING, OK), for the log.</summary>
    public IReadOnlyList<Transition> Transitions { get; }

    public static async Task<AlertEvaluation> Prepare(OperationsDb db, IEnumerable<AlertRule> rules, AlertInputs inputs, DateTime now, CancellationToken ct)
    {
        var enabled = rules.Where(r => r.Enabled).ToList();
        var names = enabled.Select(r => r.Name).ToList();
        var states = (await db.Set<AlertState>().Where(s => names.Contains(s.Rule)).ToListAsync(ct))
            .ToDictionary(s => (s.Rule, s.Subject));
        var transitions = new List<Transition>();
        foreach (var rule in enabled)
        {
            if (AlertConditions.Read(rule, inputs, now) is not { } readings)
                continue;
            var read = readings.ToDictionary(r => r.Subject, StringComparer.Ordinal);
            var subjects = read.Keys.Union(states.Keys.Where(k => k.Rule == rule.Name).Select(k => k.Subject), StringComparer.Ordinal);
            foreach (var subject in subjects)
            {
                var reading = read.GetValueOrDefault(subject) ?? new AlertReading(subject, 0, false);
                var state = states.GetValueOrDefault((rule.Name, subject));
                if (state is null)
                {
                    // A subject gets a row once its condition holds; until then it is OK by default.
                    if (!reading.Breached)
                        continue;
                    state = new AlertState { Rule = rule.Name, Subject = subject };
                    db.Add(state);
                }
                var before = state.Status;
                var history = state.Observe(reading, rule.ForSeconds, now);
                if (history is null)
                    continue;
                if (state.Status != before)
                    transitions.Add(new Transition(rule, subject, state.Status, reading.Value));
                if (history == AlertHistory.Fired)
                    db.Add(new AlertEvent { Rule = rule.Name, Subject = subject, FiredAt = now, FiredValue = reading.Value, Threshold = rule.Threshold });
                else if (history == AlertHistory.Cleared)
                    foreach (var open in await db.Set<AlertEvent>().Where(e => e.Rule == rule.Name && e.Subject == subject && e.ClearedAt == null).ToListAsync(ct))
                        open.ClearedAt = now;
            }
        }
        return new AlertEvaluation(db, transitions);
    }

    /// <summary>False when another evaluation committed first: then nothing of this one was written.</summary>
    public async Task<bool> Commit(CancellationToken ct)
    {
        try
        {
            await _db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsDuplicateKey(e))
        {
            _db.ChangeTracker.Clear();
            return false;
        }
    }

    private static bool IsDuplicateKey(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
