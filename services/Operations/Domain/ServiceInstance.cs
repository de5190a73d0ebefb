namespace Mediation.Operations.Domain;

/// <summary>
/// One service in one running process, as its heartbeats tell it: a row per (instance, service), so two instances of
/// a service are two rows and the embedded host is four rows under one instance id. Kept after the process is gone,
/// so operators see what stopped and when.
/// </summary>
public sealed class ServiceInstance
{
    public required string InstanceId { get; init; }
    public required string Service { get; init; }
    public string Version { get; set; } = "";
    public string HostName { get; set; } = "";
    public int ProcessId { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>When its latest heartbeat was sent (the sender's clock): an older one arriving late never moves it back.</summary>
    public DateTime LastHeartbeatAt { get; set; }
    public double IntervalSeconds { get; set; }
    public string? GrpcAddress { get; set; }
    public string? WebAddress { get; set; }
    /// <summary>Set when it said it was stopping (<c>InstanceStopped</c>); cleared by a later heartbeat.</summary>
    public DateTime? StoppedAt { get; set; }

    /// <summary>Heartbeats an instance may miss before it counts as stale: one late heartbeat is noise, three are not.</summary>
    public const double MissedHeartbeats = 3;

    public InstanceState StateAt(DateTime now) =>
        StoppedAt is { } stopped && stopped >= LastHeartbeatAt ? InstanceState.Stopped
        : now - LastHeartbeatAt > TimeSpan.FromSeconds(IntervalSeconds * MissedHeartbeats) ? InstanceState.Stale
        : InstanceState.Up;
}

public enum InstanceState
{
    Up,
    /// <summary>Its heartbeats stopped without a word: killed, hung, or cut off from the broker. An alarm.</summary>
    Stale,
    /// <summary>It said it was stopping: a planned stop, no alarm.</summary>
    Stopped,
}
