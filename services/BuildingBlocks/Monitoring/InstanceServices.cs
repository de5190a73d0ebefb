namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>
/// The services this process hosts, as its heartbeats name them: the tag each one passes to
/// <c>AddServiceHealth</c> (requests, verification, handover, operations). The embedded host has all four.
/// </summary>
public sealed class InstanceServices
{
    public List<string> Names { get; } = [];
}
