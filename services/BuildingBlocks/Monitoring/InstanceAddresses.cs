using Microsoft.AspNetCore.Http;

namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>
/// Who a process is on the heartbeats: its instance id and where it listens, worked out from the addresses it
/// listens on once started. The id is <c>Mediation:InstanceName</c> if set, else <c>{host name}:{gRPC port}</c>, so a
/// process killed and started again on the same port is the same instance coming back, and a second process of a
/// service on the same machine (another port) is another.
/// </summary>
public sealed record InstanceAddresses(string InstanceId, string? GrpcAddress, string? WebAddress)
{
    public const string InstanceNameKey = "Mediation:InstanceName";

    /// <param name="listening">What the server listens on (IServerAddressesFeature), the web address among them.</param>
    /// <param name="webPort">The web address's port (<c>Mediation:WebUrl</c>), or null when one port serves all.</param>
    public static InstanceAddresses Of(string? instanceName, string hostName, IEnumerable<string> listening, int? webPort)
    {
        var addresses = listening.Select(a => (Address: a, BindingAddress.Parse(a).Port)).ToList();
        var grpc = addresses.FirstOrDefault(a => a.Port != webPort);
        var web = webPort is null ? default : addresses.FirstOrDefault(a => a.Port == webPort);
        // A process with no gRPC address of its own is still told apart by the port it does listen on.
        var port = grpc.Address is not null ? grpc.Port : addresses.Count > 0 ? addresses[0].Port : (int?)null;
        var id = instanceName is { Length: > 0 } name ? name
            : port is { } p ? $"{hostName}:{p}"
            : hostName;
        return new InstanceAddresses(id, grpc.Address, web.Address);
    }
}
