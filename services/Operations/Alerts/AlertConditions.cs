namespace Mediation.Operations.Alerts;

/// <summary>
/// Each kind's condition over one evaluation's facts, a function per kind: the subjects it reads and, for each, its
/// value and whether the condition holds. Null when the facts a kind needs are missing (no queue sample yet).
/// A subject with no reading is taken as normal: a queue that went away, a party no longer waited on.
/// </summary>
public static class AlertConditions
{
    private static readonly Dictionary<AlertKind, Func<AlertRule, AlertInputs, DateTime, IReadOnlyList<AlertReading>?>> Conditions = new()
    {
        [AlertKind.QueueDepth] = (rule, inputs, _) => inputs.Queues?
            .Where(q => !q.IsErrorQueue && rule.Watches(q.Name))
            .Select(q => new AlertReading(q.Name, q.Ready, q.Ready > rule.Threshold)).ToList(),
        [AlertKind.ConsumerMissing] = (rule, inputs, _) => inputs.Queues?
            .Where(q => !q.IsErrorQueue && rule.Watches(q.Name))
            .Select(q => new AlertReading(q.Name, q.Consumers, q.Consumers == 0)).ToList(),
        [AlertKind.FaultsInLastHour] = (rule, inputs, now) =>
            Counted(rule, inputs.Faults.Where(f => f.FaultedAt > now - TimeSpan.FromMinutes(rule.WindowMinutes))),
        [AlertKind.OpenFaults] = (rule, inputs, _) => Counted(rule, inputs.Faults.Where(f => f.Open)),
        [AlertKind.HeartbeatMissed] = (_, inputs, _) => inputs.Instances
            .Select(i => new AlertReading($"{i.Service} {i.InstanceId}", Math.Round(i.HeartbeatAgeSeconds, 1), i.State == Domain.InstanceState.Stale)).ToList(),
        [AlertKind.CasesOverdue] = (rule, inputs, _) => inputs.OverdueByParty
            .Select(p => new AlertReading(p.Key, p.Value, p.Value > rule.Threshold)).ToList(),
    };

    public static IReadOnlyList<AlertReading>? Read(AlertRule rule, AlertInputs inputs, DateTime now) => Conditions[rule.Kind](rule, inputs, now);

    /// <summary>The kinds the table knows: every kind has a row (a unit test holds it to that).</summary>
    public static IEnumerable<AlertKind> Kinds => Conditions.Keys;

    private static List<AlertReading> Counted(AlertRule rule, IEnumerable<AlertInputs.Fault> faults)
    {
        var watched = faults.Where(f => rule.Watches(f.Queue)).ToList();
        if (!rule.PerMessageType)
            return [new AlertReading(AlertRule.Overall, watched.Count, watched.Count > rule.Threshold)];
        return watched.GroupBy(f => f.ShortType, StringComparer.Ordinal)
            .Select(g => new AlertReading(g.Key, g.Count(), g.Count() > rule.Threshold)).ToList();
    }
}
