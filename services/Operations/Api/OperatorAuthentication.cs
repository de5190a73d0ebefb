using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Mediation.BuildingBlocks.Parties;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mediation.Operations.Api;

/// <summary>
/// The dashboard's own credentials, over HTTP Basic (browsers ask for them): an operator named under
/// <c>Operations:Operators</c> with the SHA-256 of its password (<c>PasswordSha256</c>; a plain
/// <c>Password</c> in demo files only), or the mediator party with its id and API key. Any other party's
/// valid key is recognised and then refused (403): the dashboard is for the mediator's people only.
/// </summary>
public sealed class OperatorAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorDirectory operators,
    PartyDirectory parties) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Operator";
    public const string Policy = "Operators";
    public const string OperatorRole = "operator";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."));
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
            return Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."));
        var (name, secret) = (decoded[..colon], decoded[(colon + 1)..]);

        if (operators.Verify(name, secret))
            return Task.FromResult(Success(name, OperatorRole));
        if (parties.FindByApiKey(secret) is { } party && party.Id == name)
            return Task.FromResult(Success(name, party.Kind == PartyKind.Mediator ? OperatorRole : "party"));
        return Task.FromResult(AuthenticateResult.Fail("Unknown operator or wrong password."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Mediation operations\", charset=\"UTF-8\"";
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync("Sign in as an operator, or as the mediator with its API key.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync("This dashboard is for the mediator's operators only.");
    }

    private AuthenticateResult Success(string name, string role) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], SchemeName)),
            SchemeName));
}

/// <summary>The operators of this deployment and the hashes of their passwords, read once from configuration.</summary>
public sealed class OperatorDirectory(IReadOnlyDictionary<string, byte[]> passwordHashes)
{
    public bool Verify(string name, string password) =>
        passwordHashes.TryGetValue(name, out var expected)
        && CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    public static OperatorDirectory FromConfiguration(IConfiguration configuration)
    {
        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection("Operations:Operators").GetChildren())
        {
            hashes[section.Key] = section["PasswordSha256"] is { Length: > 0 } hex ? Convert.FromHexString(hex)
                : section["Password"] is { Length: > 0 } plain ? SHA256.HashData(Encoding.UTF8.GetBytes(plain))
                : throw new InvalidOperationException($"Operator '{section.Key}' needs a PasswordSha256 (or, in a demo file, a Password).");
        }
        return new OperatorDirectory(hashes);
    }
}
