using System.Security.Cryptography.X509Certificates;

namespace Mediation.Client;

/// <summary>
/// How the party proves who it is: an API key (sent as <c>authorization: Bearer</c>), or a client certificate
/// for mutual TLS (whose common name is the party's id). The service decides the calling party from these alone.
/// </summary>
public abstract record PartyCredentials
{
    private PartyCredentials()
    {
    }

    public static PartyCredentials ApiKey(string key) =>
        new Key(string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("An API key is required.", nameof(key)) : key);

    /// <param name="certificate">The party's certificate with its private key.</param>
    /// <param name="serviceAuthority">
    /// The certificate authority the service's certificate must chain to, when it is not one the machine
    /// already trusts (a deployment's own CA); null trusts the machine's store.
    /// </param>
    public static PartyCredentials Certificate(X509Certificate2 certificate, X509Certificate2? serviceAuthority = null) =>
        new ClientCertificate(certificate.HasPrivateKey ? certificate : throw new ArgumentException("The client certificate needs its private key.", nameof(certificate)), serviceAuthority);

    internal sealed record Key(string Value) : PartyCredentials
    {
        // A key must not end up in a log line through ToString.
        public override string ToString() => "API key";
    }

    internal sealed record ClientCertificate(X509Certificate2 Value, X509Certificate2? ServiceAuthority) : PartyCredentials
    {
        public override string ToString() => $"client certificate {Value.Subject}";
    }
}
