using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using AuditApi = Mediation.Api.Audit.V1;
using HandoverApi = Mediation.Api.Handover.V1;
using ReportsApi = Mediation.Api.Reports.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.Client;

/// <summary>
/// One party's connection to the services: their addresses, the party's credentials, the acting officer
/// (sent as <c>x-officer</c> and recorded with every change) and the retry policy. Party clients
/// (<see cref="RequestingPartyClient"/>, <see cref="HoldingPartyClient"/>, <see cref="MediatorClient"/>,
/// <see cref="ObserverClient"/>) share it; dispose it when done.
/// </summary>
public sealed class MediationConnection : IDisposable
{
    private readonly List<GrpcChannel> _channels = [];
    private readonly Metadata _headers;

    public MediationConnection(ServiceAddresses services, PartyCredentials credentials, string officer, RetryPolicy? retries = null)
    {
        if (string.IsNullOrWhiteSpace(officer) || officer.Length > 100)
            throw new ArgumentException("The acting officer's id is 1..100 characters.", nameof(officer));
        Services = services;
        Credentials = credentials;
        Officer = officer;
        Retries = retries ?? RetryPolicy.Default;
        _headers = new Metadata { { "x-officer", officer } };
        if (credentials is PartyCredentials.Key key)
            _headers.Add("authorization", "Bearer " + key.Value);

        var byAddress = new Dictionary<Uri, GrpcChannel>();
        GrpcChannel ChannelTo(Uri address)
        {
            if (!byAddress.TryGetValue(address, out var channel))
            {
                byAddress[address] = channel = Channel(address, credentials);
                _channels.Add(channel);
            }
            return channel;
        }
        Requests = new(ChannelTo(services.Requests));
        Verification = new(ChannelTo(services.Verification));
        Handover = new(ChannelTo(services.Handover));
        // The requests service keeps the case registry the reports are worked out from.
        Reports = new(ChannelTo(services.Requests));
        // Each service keeps its own audit log, and its process answers for it.
        _audit = new Dictionary<string, AuditApi.AuditLogService.AuditLogServiceClient>
        {
            ["requests"] = new(ChannelTo(services.Requests)),
            ["verification"] = new(ChannelTo(services.Verification)),
            ["handover"] = new(ChannelTo(services.Handover)),
        };
    }

    private readonly Dictionary<string, AuditApi.AuditLogService.AuditLogServiceClient> _audit;

    /// <summary>Every service at <paramref name="host"/> (the embedded host).</summary>
    public static MediationConnection Embedded(Uri host, PartyCredentials credentials, string officer, RetryPolicy? retries = null) =>
        new(ServiceAddresses.Embedded(host), credentials, officer, retries);

    public ServiceAddresses Services { get; }
    public PartyCredentials Credentials { get; }
    public string Officer { get; }
    public RetryPolicy Retries { get; }

    internal RequestsApi.RequestsService.RequestsServiceClient Requests { get; }
    internal VerificationApi.VerificationService.VerificationServiceClient Verification { get; }
    internal HandoverApi.HandoverService.HandoverServiceClient Handover { get; }
    internal ReportsApi.ReportsService.ReportsServiceClient Reports { get; }

    /// <summary>The audit log of <paramref name="service"/> (<c>requests</c>, <c>verification</c> or <c>handover</c>), at that service's address.</summary>
    internal AuditApi.AuditLogService.AuditLogServiceClient Audit(string service) =>
        _audit.TryGetValue(service.Length == 0 ? "requests" : service, out var client) ? client : throw new ArgumentException($"No service '{service}': requests, verification or handover.", nameof(service));

    internal CallOptions Options(CancellationToken ct, DateTime? deadline = null) => new(_headers, deadline, ct);

    /// <summary>
    /// A channel as the party clients use it, for calling the generated clients directly: it opens more HTTP/2
    /// connections as needed (so that many open streams, or many calls in flight, are not held to one connection's
    /// limit of concurrent streams) and presents the client certificate when <paramref name="credentials"/> is one.
    /// An API key goes in each call's metadata (<c>authorization: Bearer</c>), not on the channel.
    /// </summary>
    public static GrpcChannel Channel(Uri address, PartyCredentials? credentials = null) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = Handler(credentials) });

    private static SocketsHttpHandler Handler(PartyCredentials? credentials)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (credentials is PartyCredentials.ClientCertificate certificate)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { certificate.Value },
                RemoteCertificateValidationCallback = certificate.ServiceAuthority is null
                    ? null
                    : (_, presented, _, errors) => presented is not null && ChainsTo(X509CertificateLoader.LoadCertificate(presented.GetRawCertData()), certificate.ServiceAuthority, errors),
            };
        }
        return handler;
    }

    /// <summary>The service's certificate is valid for its name and issued under the deployment's own authority.</summary>
    private static bool ChainsTo(X509Certificate2 presented, X509Certificate2 authority, SslPolicyErrors errors)
    {
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
            channel.Dispose();
    }
}
