using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mediation.BuildingBlocks.Parties;

/// <summary>
/// <c>authorization: Bearer &lt;api key&gt;</c> → the party whose key hash matches.
/// A missing or unknown key fails authentication, which gRPC clients see as UNAUTHENTICATED.
/// </summary>
public sealed class PartyKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PartyDirectory parties) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PartyKey";
    public const string PartyIdClaim = "mediation:party";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return Task.FromResult(AuthenticateResult.NoResult());
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail("Expected 'authorization: Bearer <api key>'."));
        var party = parties.FindByApiKey(header[bearer.Length..].Trim());
        if (party is null)
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));

        var identity = new ClaimsIdentity([new Claim(PartyIdClaim, party.Id)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
