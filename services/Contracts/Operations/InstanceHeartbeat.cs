namespace Mediation.Contracts;

/// <summary>
/// A process's sign of life, sent every <paramref name="IntervalSeconds"/> by each running instance for the services
/// it hosts (the embedded host: all four, under one instance id). Operations lists instances from these, and an
/// instance whose next heartbeat is late is raised as an alarm. Names, addresses and times only.
/// </summary>
/// <param name="InstanceId">
/// Stable across restarts of the same instance (<c>Mediation:InstanceName</c>, else host name and gRPC port), so that an
/// instance killed and started again is the same row coming back; <paramref name="StartedAt"/> tells the restarts apart.
/// </param>
/// <param name="Services">The services this process runs: <c>requests</c>, <c>verification</c>, <c>handover</c>, <c>operations</c>.</param>
/// <param name="Version">The build's informational version.</param>
/// <param name="GrpcAddress">Where it takes gRPC calls, as it listens (null when it takes none).</param>
/// <param name="WebAddress">Its web port (dashboard, /metrics, health), if it has one.</param>
public record InstanceHeartbeat(
    string InstanceId,
    string[] Services,
    string Version,
    string HostName,
    int ProcessId,
    DateTime StartedAt,
    DateTime SentAt,
    double IntervalSeconds,
    string? GrpcAddress,
    string? WebAddress);
