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
    /// Every address is a url of the <c>urls</c> setting, the web url appended to the gRPC ones, and each
    /// endpoint's protocol is chosen by its port. Endpoints opened in code beside a <c>urls</c> setting would
    /// replace it, with a warning at every start.
    /// </summary>
    public static void Configure(IServiceCollection services, IConfigurationManager configuration)
    {
        int? webPort = null;
        if (configuration[WebUrlKey] is { Length: > 0 } webUrl)
        {
            var grpcUrls = configuration["urls"] is { Length: > 0 } urls ? urls : "http://localhost:5000";
            webPort = BindingAddress.Parse(webUrl).Port;
            if (grpcUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(u => BindingAddress.Parse(u).Port == webPort))
                throw new InvalidOperationException($"{WebUrlKey} ({webUrl}) needs a port of its own, apart from the gRPC urls ({grpcUrls}).");
            configuration["urls"] = grpcUrls + ";" + webUrl;
        }
        services.Configure<KestrelServerOptions>(k => Apply(k, configuration, webPort));
    }

    /// <summary>The web address's port, or null when the process has no web address of its own (then one port serves all).</summary>
    public static int? WebPort(IConfiguration configuration) =>
        configuration[WebUrlKey] is { Length: > 0 } webUrl ? BindingAddress.Parse(webUrl).Port : null;

    private static void Apply(KestrelServerOptions kestrel, IConfiguration configuration, int? webPort)
    {
        // Over TLS a port negotiates HTTP/1.1 or HTTP/2 with each caller (ALPN), so the gRPC port serves HTTP/JSON to
        // HTTP/1.1 clients too. Without TLS Kestrel cannot tell them apart on one port: the gRPC port stays HTTP/2 (gRPC
        // and JSON with prior knowledge), and HTTP/1.1 JSON callers use the web port.
        var tlsPorts = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(BindingAddress.Parse).Where(a => a.Scheme == "https").Select(a => a.Port).ToHashSet();
        kestrel.ConfigureEndpointDefaults(l => l.Protocols = l.IPEndPoint?.Port is var port && port == webPort ? HttpProtocols.Http1
            : port is { } p && tlsPorts.Contains(p) ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2);
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
    }
}
