using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// Partners speak gRPC over HTTP/2 without TLS (prior knowledge), which Kestrel serves only on an
/// HTTP/2-only endpoint. Browsers, Prometheus and orchestrators' HTTP probes speak HTTP/1.1, so
/// <c>Mediation:WebUrl</c> opens a second, HTTP/1.1 endpoint beside the gRPC one(s) for the
/// dashboard, <c>/metrics</c> and <c>/health/live</c>, <c>/health/ready</c>. With <c>Tls:Certificate</c>
/// (and <c>Tls:CertificateKey</c>, PEM files) <c>https://</c> urls serve TLS and ask for the caller's certificate.
/// </summary>
public static class ListenAddresses
{
    public const string WebUrlKey = "Mediation:WebUrl";

    /// <summary>
    /// With a web url, Kestrel is told every address itself; the gRPC urls are taken from the <c>urls</c>
    /// setting now, and the setting is emptied, since a <c>urls</c> setting beside explicit endpoints only
    /// earns a warning at every start that it is overridden.
    /// </summary>
    public static void Configure(IServiceCollection services, IConfigurationManager configuration)
    {
        var grpcUrls = configuration["urls"] is { Length: > 0 } urls ? urls : "http://localhost:5000";
        if (configuration[WebUrlKey] is { Length: > 0 })
            configuration["urls"] = "";
        services.Configure<KestrelServerOptions>(k => Apply(k, configuration, grpcUrls));
    }

    private static void Apply(KestrelServerOptions kestrel, IConfiguration configuration, string grpcUrls)
    {
        kestrel.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2);
        // TLS (https:// urls) with the service's certificate, asking callers for theirs: mutual TLS.
        if (configuration["Tls:Certificate"] is { Length: > 0 } certificate)
            kestrel.ConfigureHttpsDefaults(h =>
            {
                h.ServerCertificate = X509Certificate2.CreateFromPemFile(certificate, configuration["Tls:CertificateKey"]);
                h.ClientCertificateMode = configuration.GetValue("Tls:RequireClientCertificate", false)
                    ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;
                // Party certificates come from the deployment's own authority, not the machine's trust
                // store: PartyCertificates checks chain, validity and use, and refuses the call if need be.
                h.ClientCertificateValidation = (_, _, _) => true;
            });
        if (configuration[WebUrlKey] is not { Length: > 0 } webUrl)
            return;
        // Listening explicitly replaces the urls setting, so the gRPC urls are bound here too, first:
        // the first address a host reports stays the gRPC one.
        foreach (var url in grpcUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Listen(kestrel, url, HttpProtocols.Http2);
        Listen(kestrel, webUrl, HttpProtocols.Http1);
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var address = BindingAddress.Parse(url);
        var https = address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        void Configure(ListenOptions l)
        {
            l.Protocols = protocols;
            if (https)
                l.UseHttps();
        }
        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            kestrel.ListenLocalhost(address.Port, Configure);
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
            kestrel.Listen(ip, address.Port, Configure);
        else
            kestrel.ListenAnyIP(address.Port, Configure);
    }
}
