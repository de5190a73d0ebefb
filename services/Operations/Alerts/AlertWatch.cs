using System.Diagnostics.Metrics;
using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Telemetry;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Queues;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Alerts;

/// <summary>
/// Evaluates the alert rules every <c>Operations:SampleSeconds</c> (2) over the queue watch's latest sample, the fault
/// inbox, the open escalations and the instances table, and exports <c>mediation.alert.firing</c> (1 firing, 0 not;
/// tags rule, kind, subject) for Prometheus. Reads a handful of rows per evaluation and writes only what changed:
/// nothing here runs per message.
/// </summary>
public sealed class AlertWatch : PeriodicScan
{
    public sealed record Standing(string Rule, AlertKind Kind, string Subject, AlertStatus Status);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    private readonly IServiceScopeFactory _scopes;
    private readonly QueueWatch _queues;
    private readonly AlertRules _rules;
    private readonly ILogger<AlertWatch> _logger;
    private readonly SemaphoreSlim _one = new(1, 1);
    private DateTime _prunedAt = DateTime.MinValue;

    public AlertWatch(IServiceScopeFactory scopes, QueueWatch queues, AlertRules rules, IConfiguration configuration, TimeProvider clock, ILogger<AlertWatch> logger)
        : base(TimeSpan.FromSeconds(configuration.GetValue("Operations:SampleSeconds", 2.0)), clock, logger)
    {
        (_scopes, _queues, _rules, _logger) = (scopes, queues, rules, logger);
        MediationMetrics.Meter.CreateObservableGauge("mediation.alert.firing", Series,
            description: "1 while an alert rule fires for a subject (a queue, message type, party or instance), 0 when not.");
    }

    private IEnumerable<Measurement<int>> Series()
    {
        var latest = Latest;
        foreach (var s in latest)
            yield return new Measurement<int>(s.Status == AlertStatus.Firing ? 1 : 0, new KeyValuePair<string, object?>("rule", s.Rule),
                new KeyValuePair<string, object?>("kind", s.Kind.ToString()), new KeyValuePair<string, object?>("subject", s.Subject));
        // A rule no subject has crossed yet is a 0 without a subject: Prometheus sees that it is evaluated, not absent.
        foreach (var rule in _rules.Enabled.Where(r => latest.All(s => s.Rule != r.Name)))
            yield return new Measurement<int>(0, new KeyValuePair<string, object?>("rule", rule.Name), new KeyValuePair<string, object?>("kind", rule.Kind.ToString()));
    }

    /// <summary>Every stored state of an enabled rule, as the latest evaluation left them (by whichever instance).</summary>
    public IReadOnlyList<Standing> Latest { get; private set; } = [];

    public int Firing => Latest.Count(s => s.Status == AlertStatus.Firing);

    public override async Task Scan(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OperationsDb>();
            var now = Clock.GetUtcNow().UtcDateTime;
            var evaluation = await AlertEvaluation.Prepare(db, _rules.Enabled, await Inputs(db, now, ct), now, ct);
            if (await evaluation.Commit(ct))
                foreach (var t in evaluation.Transitions)
                    _logger.LogInformation("Alert {Rule} ({Kind}) for {Subject}: {Status} (value {Value}, threshold {Threshold})",
                        t.Rule.Name, t.Rule.Kind, t.Subject, t.To.ToString().ToUpperInvariant(), t.Value, t.Rule.Threshold);
            else
                _logger.LogInformation("Another operations instance evaluated the alert rules at the same time; its result stands");
            if (now - _prunedAt >= PruneEvery)
            {
                await db.Set<AlertEvent>().Where(e => e.ClearedAt < now - AlertEvent.KeptFor).ExecuteDeleteAsync(ct);
                _prunedAt = now;
            }
            var kinds = _rules.Enabled.ToDictionary(r => r.Name, r => r.Kind);
            var names = kinds.Keys.ToList();
            Latest = (await db.Set<AlertState>().AsNoTracking().Where(s => names.Contains(s.Rule))
                    .Select(s => new { s.Rule, s.Subject, s.Status }).ToListAsync(ct))
                .Select(s => new Standing(s.Rule, kinds[s.Rule], s.Subject, s.Status)).ToList();
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<AlertInputs> Inputs(OperationsDb db, DateTime now, CancellationToken ct)
    {
        var sample = _queues.Latest;
        var recent = now - TimeSpan.FromMinutes(_rules.Enabled.Where(r => r.Kind == AlertKind.FaultsInLastHour)
            .Select(r => r.WindowMinutes).DefaultIfEmpty(0).Max());
        var faults = await db.Faults.AsNoTracking()
            .Where(f => f.State == FaultState.Open || f.FaultedAt > recent)
            .Select(f => new { f.MessageType, f.Queue, f.FaultedAt, f.State })
            .ToListAsync(ct);
        var overdue = await db.Escalations.Where(x => x.ResolvedAt == null)
            .GroupBy(x => x.WaitingOn).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var instances = await db.Set<ServiceInstance>().AsNoTracking().ToListAsync(ct);
        return new AlertInputs(
            // No sample yet, or the broker's API did not answer: queue rules wait rather than clear on no news.
            sample.At == DateTime.MinValue || sample.Problem is not null ? null : sample.Queues,
            faults.Select(f => new AlertInputs.Fault(
                f.MessageType[(f.MessageType.LastIndexOf('.') + 1)..], FaultedMessage.NameOf(f.Queue), f.FaultedAt, f.State == FaultState.Open)).ToList(),
            overdue,
            instances.Select(i => new AlertInputs.Instance(i.Service, i.InstanceId, i.StateAt(now), (now - i.LastHeartbeatAt).TotalSeconds)).ToList());
    }
}
