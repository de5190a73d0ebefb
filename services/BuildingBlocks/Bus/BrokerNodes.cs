using System.Globalization;
using System.Text.RegularExpressions;
using Mediation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Bus;

/// <summary>
/// The RabbitMQ nodes a service may connect to: <c>Bus:Host</c> names one or several, separated by commas, each
/// <c>host</c> or <c>host:port</c> (an IPv6 address in brackets, <c>[::1]:5672</c>); a node without a port is on
/// <c>Bus:Port</c>. With several, the bus connects to the first that answers and, when its node goes, to a
/// surviving one (as Npgsql's multi-host <c>Host</c> does for PostgreSQL). A value that names no usable node stops
/// the process at start (<see cref="StartRefused"/>) rather than leaving it to retry a broker that cannot exist.
/// </summary>
public sealed partial class BrokerNodes
{
    public const string HostKey = "Bus:Host";
    public const string PortKey = "Bus:Port";
    public const string DefaultHost = "localhost";
    public const ushort DefaultPort = 5672;

    public sealed record Node(string Host, ushort Port)
    {
        /// <summary><c>host:port</c>, an IPv6 host in brackets: as MassTransit's cluster nodes are named.</summary>
        public override string ToString() =>
            (Host.Contains(':') ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
    }

    private BrokerNodes(IReadOnlyList<Node> all) => All = all;

    /// <summary>In the order given: the bus tries them in turn.</summary>
    public IReadOnlyList<Node> All { get; }

    public Node First => All[0];

    public bool IsCluster => All.Count > 1;

    public static BrokerNodes From(IConfiguration configuration) => Parse(configuration[HostKey], configuration[PortKey]);

    /// <summary>The nodes <paramref name="hosts"/> names (<c>Bus:Host</c>), <paramref name="port"/> (<c>Bus:Port</c>) for those without a port.</summary>
    public static BrokerNodes Parse(string? hosts, string? port)
    {
        var defaultPort = string.IsNullOrWhiteSpace(port) ? DefaultPort
            : Port(port.Trim()) ?? throw new StartRefused($"{PortKey}: '{port}' is not a port (1-65535).");
        if (string.IsNullOrWhiteSpace(hosts))
            return new BrokerNodes([new Node(DefaultHost, defaultPort)]);

        var nodes = new List<Node>();
        foreach (var entry in hosts.Split(',').Select(e => e.Trim()))
        {
            var node = Read(entry, defaultPort) ?? throw new StartRefused(
                $"{HostKey}: '{entry}' in '{hosts}' is not a broker node; give host or host:port, several separated by commas " +
                "(e.g. 10.0.0.1:5672,10.0.0.2:5672,10.0.0.3:5672).");
            if (nodes.Contains(node))
                throw new StartRefused($"{HostKey}: the node {node} is named twice in '{hosts}'.");
            nodes.Add(node);
        }
        return new BrokerNodes(nodes);
    }

    private static Node? Read(string entry, ushort defaultPort)
    {
        string host;
        string? port = null;
        if (entry.StartsWith('['))
        {
            // [IPv6] or [IPv6]:port
            var close = entry.IndexOf(']');
            if (close < 0)
                return null;
            host = entry[1..close];
            var rest = entry[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                    return null;
                port = rest[1..];
            }
            if (Uri.CheckHostName(host) != UriHostNameType.IPv6)
                return null;
        }
        else
        {
            var colon = entry.IndexOf(':');
            if (colon >= 0 && entry.IndexOf(':', colon + 1) >= 0)
                return null; // a bare IPv6 address cannot be told from host:port: it goes in brackets
            host = colon < 0 ? entry : entry[..colon];
            port = colon < 0 ? null : entry[(colon + 1)..];
            // A DNS name (container names may hold underscores) or an IPv4 address.
            if (!HostName().IsMatch(host))
                return null;
        }
        if (port is null)
            return new Node(host, defaultPort);
        return Port(port) is { } number ? new Node(host, number) : null;
    }

    private static ushort? Port(string text) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    public override string ToString() => string.Join(",", All);

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9])?$")]
    private static partial Regex HostName();
}
