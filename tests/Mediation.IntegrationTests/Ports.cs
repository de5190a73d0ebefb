using System.Net;
using System.Net.Sockets;

namespace Mediation.IntegrationTests;

public static class Ports
{
    /// <summary>A loopback port free at the moment of asking, for a process or endpoint the test starts next.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
