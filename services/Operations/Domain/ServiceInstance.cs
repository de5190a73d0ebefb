using Mediation.Contracts;

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
    /// <summary>
    /// When its latest heartbeat was sent (the sender's clock): an older one arriving late never moves it back.
    /// <see cref="NeverHeard"/> while only its stop has arrived. A concurrency token, like <see cref="StoppedAt"/>:
    /// two consumers applying news of the same row at once conflict instead of one undoing the other.
    /// </summary>
    public DateTime LastHeartbeatAt { get; set; }
    public double IntervalSeconds { get; set; }
    public string? GrpcAddress { get; set; }
    public string? WebAddress { get; set; }
    /// <summary>Set when it said it was stopping (<c>InstanceStopped</c>); cleared by a later heartbeat.</summary>
    public DateTime? StoppedAt { get; set; }

    /// <summary>Heartbeats an instance may miss before it counts as stale: one late heartbeat is noise, three are not.</summary>
    public const double MissedHeartbeats = 3;

    /// <summary>The <see cref="LastHeartbeatAt"/> of a row made by a stop that arrived before any of its heartbeats.</summary>
    public static readonly DateTime NeverHeard = DateTime.UnixEpoch;

    public static ServiceInstance For(string instanceId, string service) =>
        new() { InstanceId = instanceId, Service = service, LastHeartbeatAt = NeverHeard };

    /// <summary>
    /// Takes in a heartbeat if it is newer than the last one heard (false, nothing changed, for a late or repeated
    /// one). A heartbeat sent after the instance said it was stopping means it runs again: the stop is cleared.
    /// Together with <see cref="Stopped"/> this reaches the same row whatever order the messages arrive in.
    /// </summary>
    public bool Heard(InstanceHeartbeat heartbeat)
    {
        if (heartbeat.SentAt <= LastHeartbeatAt)
            return false;
        Version = heartbeat.Version;
        HostName = heartbeat.HostName;
        ProcessId = heartbeat.ProcessId;
        StartedAt = heartbeat.StartedAt;
        LastHeartbeatAt = heartbeat.SentAt;
        IntervalSeconds = heartbeat.IntervalSeconds;
        GrpcAddress = heartbeat.GrpcAddress;
        WebAddress = heartbeat.WebAddress;
        if (StoppedAt < heartbeat.SentAt)
            StoppedAt = null;
        return true;
    }

    /// <summary>
    /// Takes in its word that it stopped at <paramref name="at"/>, unless a heartbeat sent later was heard already
    /// (the stop of an earlier run, arriving late) or a later stop was. False when nothing changed.
    /// </summary>
    public bool Stopped(DateTime at)
    {
        if (at < LastHeartbeatAt || StoppedAt >= at)
            return false;
        StoppedAt = at;
        return true;
    }

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
