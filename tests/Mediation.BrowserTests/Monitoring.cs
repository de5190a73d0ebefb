using Mediation.IntegrationTests;

namespace Mediation.BrowserTests;

/// <summary>
/// The embedded host the monitoring views are tested on: a verification database that can be locked (a real outage),
/// and the short intervals a test can wait for. Each view's tests add the settings they need here.
/// </summary>
public sealed class MonitoredHost : FaultyDatabaseHost
{
    protected override string[] Settings() => [.. base.Settings(), .. MonitoredSettings.All];
}

/// <summary>The distributed mode the monitoring views are tested on, with the same short intervals in every process.</summary>
public sealed class MonitoredServices : DistributedServices
{
    protected override string[] Settings(string service) => MonitoredSettings.All;
}

/// <summary>What the monitoring tests shorten, for the embedded host and every distributed process alike.</summary>
public static class MonitoredSettings
{
    public static readonly string[] All =
    [
        // An instance is stale after three missed heartbeats: three seconds, not fifteen.
        "--Mediation:HeartbeatSeconds", "1",
        // Graphs: each process reports its activity, and operations writes its own points, every second.
        "--Operations:SeriesSeconds", "1",
        // Case-flow steps reach operations within a fraction of a second, not the deployment's second.
        "--Mediation:Flow:ShipSeconds", "0.2",
        "--Operations:SampleSeconds", "1",
        // The alerts view's rules: open faults on the queue a locked verification database poisons, fired at once
        // (AlertsPageTests), and verification's queues without a consumer for 2 s (DistributedAlertsPageTests).
        "--Operations:Alerts:VerificationOpenFaults:Kind", "OpenFaults",
        "--Operations:Alerts:VerificationOpenFaults:Queue", "verification-case-located",
        "--Operations:Alerts:VerificationOpenFaults:PerMessageType", "true",
        "--Operations:Alerts:VerificationConsumerMissing:Kind", "ConsumerMissing",
        "--Operations:Alerts:VerificationConsumerMissing:ForSeconds", "2",
        "--Operations:Alerts:VerificationConsumerMissing:Queue", "verification-*",
    ];
}

[CollectionDefinition(Name)]
public sealed class EmbeddedMonitoring : ICollectionFixture<MonitoredHost>, ICollectionFixture<Chromium>
{
    public const string Name = "monitoring views on the embedded host";
}

[CollectionDefinition(Name)]
public sealed class DistributedMonitoring : ICollectionFixture<MonitoredServices>, ICollectionFixture<Chromium>
{
    public const string Name = "monitoring views on the distributed mode";
}
