using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Mediation.Client;

namespace Mediation.Cli.Connection;

/// <summary>
/// Who calls and where: the options every command takes, each with an environment variable so that an
/// officer sets them once per shell rather than on every command, and a key stays out of the shell's history.
/// </summary>
public sealed class CallerOptions
{
    private readonly Dictionary<Option<string?>, (string Variable, string? Fallback)> _environment = [];

    public CallerOptions()
    {
        Address = FromEnvironment("--address", "MEDIATION_ADDRESS", "http://localhost:5080",
            "Where the services answer (the embedded host: one address)");
        RequestsAddress = FromEnvironment("--requests-address", "MEDIATION_REQUESTS_ADDRESS", null,
            "The requests service, when the services run apart (default: --address)");
        VerificationAddress = FromEnvironment("--verification-address", "MEDIATION_VERIFICATION_ADDRESS", null,
            "The verification service, when apart (default: --address)");
        HandoverAddress = FromEnvironment("--handover-address", "MEDIATION_HANDOVER_ADDRESS", null,
            "The handover service, when apart (default: --address)");
        ApiKey = FromEnvironment("--api-key", "MEDIATION_API_KEY", null,
            "The party's API key (prefer the environment variable: a key on the command line stays in the shell's history)");
        Certificate = FromEnvironment("--certificate", "MEDIATION_CERTIFICATE", null,
            "The party's client certificate (PEM), instead of an API key");
        CertificateKey = FromEnvironment("--certificate-key", "MEDIATION_CERTIFICATE_KEY", null,
            "The client certificate's private key (PEM), when it is not in the certificate's file");
        Authority = FromEnvironment("--ca", "MEDIATION_CA", null,
            "The certificate authority the service's certificate must chain to (PEM), when the machine does not trust it");
        Party = FromEnvironment("--party", "MEDIATION_PARTY", null,
            "The party you act for, e.g. holder-1: the name your custody signatures carry (required to sign)");
        Officer = FromEnvironment("--officer", "MEDIATION_OFFICER", null,
            "The officer acting for the party, recorded with every change (required)");
    }

    public Option<string?> Address { get; }
    public Option<string?> RequestsAddress { get; }
    public Option<string?> VerificationAddress { get; }
    public Option<string?> HandoverAddress { get; }
    public Option<string?> ApiKey { get; }
    public Option<string?> Certificate { get; }
    public Option<string?> CertificateKey { get; }
    public Option<string?> Authority { get; }
    public Option<string?> Party { get; }
    public Option<string?> Officer { get; }
    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON for scripts instead of tables", Recursive = true };

    public IEnumerable<Option> All => [Address, RequestsAddress, VerificationAddress, HandoverAddress, ApiKey, Certificate, CertificateKey, Authority, Party, Officer, Json];

    /// <summary>The connection the options describe, or a <see cref="UsageException"/> saying what is missing.</summary>
    public MediationConnection Connect(ParseResult parse)
    {
        var officer = Value(parse, Officer);
        if (string.IsNullOrWhiteSpace(officer))
            throw new UsageException("the acting officer is required: --officer or MEDIATION_OFFICER");
        var address = Uri(Value(parse, Address), "--address");
        var services = new ServiceAddresses(
            Uri(Value(parse, RequestsAddress), "--requests-address") ?? address!,
            Uri(Value(parse, VerificationAddress), "--verification-address") ?? address!,
            Uri(Value(parse, HandoverAddress), "--handover-address") ?? address!);
        return new MediationConnection(services, Credentials(parse), officer.Trim());
    }

    private PartyCredentials Credentials(ParseResult parse)
    {
        var key = Value(parse, ApiKey);
        var certificate = Value(parse, Certificate);
        if (!string.IsNullOrWhiteSpace(certificate))
        {
            try
            {
                var loaded = X509Certificate2.CreateFromPemFile(certificate, Value(parse, CertificateKey));
                var authority = Value(parse, Authority) is { Length: > 0 } ca ? X509CertificateLoader.LoadCertificateFromFile(ca) : null;
                return PartyCredentials.Certificate(loaded, authority);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                throw new UsageException($"the client certificate could not be read: {e.Message}");
            }
        }
        if (!string.IsNullOrWhiteSpace(key))
            return PartyCredentials.ApiKey(key.Trim());
        throw new UsageException("credentials are required: an API key (MEDIATION_API_KEY or --api-key) or a client certificate (--certificate)");
    }

    private static Uri? Uri(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (System.Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri;
        throw new UsageException($"{option}: '{text}' is not an http:// or https:// address");
    }

    /// <summary>
    /// The option's value, else its environment variable's, else the fallback. Read here rather than as the
    /// option's default, which --help would print: an API key among them.
    /// </summary>
    public string? Value(ParseResult parse, Option<string?> option)
    {
        var (variable, fallback) = _environment[option];
        return parse.GetValue(option) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set ? set
            : fallback;
    }

    private Option<string?> FromEnvironment(string name, string variable, string? fallback, string description)
    {
        var option = new Option<string?>(name)
        {
            Description = $"{description} [env: {variable}]" + (fallback is null ? "" : $" [default: {fallback}]"),
            Recursive = true,
        };
        _environment[option] = (variable, fallback);
        return option;
    }
}
