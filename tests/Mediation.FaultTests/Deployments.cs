using Mediation.IntegrationTests;

namespace Mediation.FaultTests;

/// <summary>
/// The deployments the fault rounds run on, each started the first time a chosen scenario needs it: one broker node
/// with one process of each service, or the three-node cluster with two instances (<see cref="ClusterServices"/>).
/// Only one runs at a time (the machine's two cores would not carry both): the other is stopped first.
/// </summary>
public sealed class Deployments : IAsyncLifetime
{
    /// <summary>One broker node, the deployment's own redelivery schedule: an outage of a minute heals on the second redelivery.</summary>
    public sealed class SingleNode : DistributedServices
    {
        protected override string Redelivery => "10s,1m,5m,30m,2h";
    }

    private DistributedServices? _running;

    /// <summary>The deployment <paramref name="fault"/> hits, started (and the other one stopped) if need be.</summary>
    public async Task<DistributedServices> For(string fault)
    {
        var onCluster = Faults.OnCluster.ContainsKey(fault);
        if (_running is not null && _running is ClusterServices == onCluster)
            return _running;
        await DisposeAsync();
        _running = onCluster ? new ClusterServices() : new SingleNode();
        await _running.InitializeAsync();
        return _running;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_running is null)
            return;
        var stopping = _running;
        _running = null;
        await stopping.DisposeAsync();
    }
}
