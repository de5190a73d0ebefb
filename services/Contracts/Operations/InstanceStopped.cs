namespace Mediation.Contracts;

/// <summary>
/// Sent by a process as it shuts down in good order, so that its silence afterwards reads as "stopped", not as a
/// missed heartbeat. A process that is killed sends nothing: its heartbeats simply stop.
/// </summary>
public record InstanceStopped(string InstanceId, string[] Services, DateTime StoppedAt);
