using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// Partners speak gRPC over HTTP/2 without TLS (prior knowledge), which Kestrel serves only on an
/// HTTP/2-only endpoint. Browsers, Prometheus and orchestrators' HTTP probes speak HTTP/1.1, so
/// <c>Mediation:WebUrl</c> opens a second, HTTP/1.1 endpoint beside the gRPC one(s) for the
/// dashboard, <c>/metrics</c> and <c>/health/live</c>, <c>/health/ready</c>.
/// </summary>
public static class ListenAddresses
{
    public const string WebUrlKey = "Mediation:WebUrl";

    public static void Apply(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        kestrel.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2);
        if (configuration[WebUrlKey] is not { Length: > 0 } webUrl)
            return;
        // Listening explicitly replaces the urls setting, so the gRPC urls are bound here too, first:
        // the first address a host reports stays the gRPC one.
        foreach (var url in (configuration["urls"] is { Length: > 0 } urls ? urls : "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Listen(kestrel, url, HttpProtocols.Http2);
        Listen(kestrel, webUrl, HttpProtocols.Http1);
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var address = BindingAddress.Parse(url);
        if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"'{url}': only http:// is served here; terminate TLS in front of the service.");
        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            kestrel.ListenLocalhost(address.Port, l => l.Protocols = protocols);
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
            kestrel.Listen(ip, address.Port, l => l.Protocols = protocols);
        else
            kestrel.ListenAnyIP(address.Port, l => l.Protocols = protocols);
    }
}
