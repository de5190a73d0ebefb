namespace Mediation.Operations.Alerts;

/// <summary>What an alert rule watches. Each kind's condition is in <see cref="AlertConditions"/>.</summary>
public enum AlertKind
{
    /// <summary>A work queue's ready count above the threshold; a subject per queue.</summary>
    QueueDepth = 1,
    /// <summary>A work queue without a consumer; a subject per queue.</summary>
    ConsumerMissing = 2,
    /// <summary>More faults than the threshold arrived in the last WindowMinutes; overall, or per message type.</summary>
    FaultsInLastHour = 3,
    /// <summary>More open faults (neither retried nor discarded) than the threshold; overall, or per message type.</summary>
    OpenFaults = 4,
    /// <summary>An instance of a service whose heartbeats stopped without a word (stale); a subject per service and instance.</summary>
    HeartbeatMissed = 5,
    /// <summary>More open escalations waiting on one party than the threshold; a subject per party.</summary>
    CasesOverdue = 6,
}
