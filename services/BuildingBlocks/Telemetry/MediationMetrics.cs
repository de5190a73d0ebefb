using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mediation.BuildingBlocks.Telemetry;

/// <summary>
/// The instruments and the trace source the services share. Tags carry event names, stages, queue
/// and service names only — never anything about a child or a relative.
/// </summary>
public static class MediationMetrics
{
    public const string Name = "Mediation";

    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource Tracing = new(Name);

    private static readonly Counter<long> Transitions = Meter.CreateCounter<long>(
        "mediation.case.transitions", unit: "{transition}", description: "State changes committed, by the event that records them.");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> Backlogs = new();

    private static readonly ObservableGauge<long> Backlog = Meter.CreateObservableGauge("mediation.outbox.backlog",
        () => Backlogs.Select(b => new Measurement<long>(b.Value, new KeyValuePair<string, object?>("service", b.Key))),
        unit: "{event}", description: "Committed events not yet confirmed by the broker, per service.");

    public static void OutboxBacklog(string service, long waiting) => Backlogs[service] = waiting;

    /// <summary>Called once a unit of work that recorded <paramref name="eventType"/> committed.</summary>
    public static void TransitionCommitted(string eventType) =>
        Transitions.Add(1, new KeyValuePair<string, object?>("event", eventType[(eventType.LastIndexOf('.') + 1)..]));
}
