using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// The host on TLS, asking callers for certificates issued by the deployment's own authority: a party
/// is known by a valid client certificate naming it, and by nothing a wrong certificate says.
/// </summary>
public class MutualTlsTests(MutualTlsTests.TlsHost host) : IClassFixture<MutualTlsTests.TlsHost>
{
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2", ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>The host on the certificates scripts/certs.sh issues, as a test deployment would be.</summary>
    public sealed class TlsHost : EmbeddedHost
    {
        private string Certificates => Path.Combine(DataDirectory, "tls");

        /// <summary>The authority (with its key: the wrong certificates below are issued from it too).</summary>
        public X509Certificate2 Authority => X509Certificate2.CreateFromPemFile(Path.Combine(Certificates, "ca.pem"), Path.Combine(Certificates, "ca.key"));

        public X509Certificate2 Party(string id) => X509Certificate2.CreateFromPemFile(Path.Combine(Certificates, id + ".pem"), Path.Combine(Certificates, id + ".key"));

        protected override string[] Settings()
        {
            var script = System.Diagnostics.Process.Start(Path.Combine(Repository.Root, "scripts", "certs.sh"), [Certificates, "holder-1"])!;
            script.WaitForExit();
            if (script.ExitCode != 0)
                throw new InvalidOperationException("scripts/certs.sh failed");
            return ["--urls", "https://127.0.0.1:0", "--Tls:Certificate", Path.Combine(Certificates, "server.pem"),
                "--Tls:CertificateKey", Path.Combine(Certificates, "server.key"), "--Tls:ClientCertificateAuthority", Path.Combine(Certificates, "ca.pem")];
        }
    }

    [Fact]
    public async Task A_valid_certificate_names_the_party_that_calls()
    {
        var client = Requests(host.Party("holder-1"));
        await client.ListCasesAsync(new());
        // Known as holder-1: a holding party may not submit, and may report a location (refused here only for its content).
        Assert.Equal(StatusCode.PermissionDenied, await Status(() => client.SubmitRequestAsync(new()).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Status(() => client.ReportCaseLocatedAsync(new(), Officer()).ResponseAsync));
    }

    [Fact]
    public async Task A_certificate_is_judged_alone_even_beside_another_partys_key()
    {
        var client = Requests(host.Party("holder-1"));
        var headers = Officer();
        headers.Add("authorization", "Bearer demo-mediator-key");
        Assert.Equal(StatusCode.PermissionDenied, await Status(() => client.AcceptCaseAsync(new(), headers).ResponseAsync));
    }

    [Fact]
    public async Task Without_a_certificate_the_demo_api_keys_still_work_and_nothing_else_does()
    {
        var client = Requests(null);
        await client.ListCasesAsync(new(), new Metadata { { "authorization", "Bearer demo-requester-1-key" } });
        Assert.Equal(StatusCode.Unauthenticated, await Status(() => client.ListCasesAsync(new()).ResponseAsync));
    }

    public static TheoryData<string> WrongCertificates() => ["another authority", "not yet valid", "server use only", "unknown party"];

    [Theory]
    [MemberData(nameof(WrongCertificates))]
    public async Task A_wrong_certificate_is_refused(string wrong)
    {
        var now = DateTimeOffset.UtcNow;
        var certificate = wrong switch
        {
            "another authority" => Issue(NewAuthority("Someone else's CA"), "holder-1", ClientAuth),
            "not yet valid" => Issue(host.Authority, "holder-1", ClientAuth, from: now.AddDays(1), until: now.AddDays(30)),
            "server use only" => Issue(host.Authority, "holder-1", ServerAuth),
            _ => Issue(host.Authority, "holder-9", ClientAuth),
        };
        var client = Requests(certificate);
        Assert.Equal(StatusCode.Unauthenticated, await Status(() => client.ListCasesAsync(new()).ResponseAsync));
    }

    private RequestsApi.RequestsService.RequestsServiceClient Requests(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
                // The deployment's authority, as a partner checks the mediator's services.
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && Trusted(host.Authority, X509CertificateLoader.LoadCertificate(presented.GetRawCertData())),
            },
        };
        return new RequestsApi.RequestsService.RequestsServiceClient(GrpcChannel.ForAddress(host.Address, new GrpcChannelOptions { HttpHandler = handler }));
    }

    private static Metadata Officer() => new() { { "x-officer", "officer-1" } };

    private static async Task<StatusCode> Status(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static bool Trusted(X509Certificate2 authority, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2 NewAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-90), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name, string use, DateTimeOffset? from = null, DateTimeOffset? until = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(use)], false));
        var start = from ?? authority.NotBefore;
        using var issued = request.Create(authority, start, until ?? start.AddDays(30), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }
}
