using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.BuildingBlocks.Parties;

/// <summary>
/// Mutual TLS for production: a party is known by a client certificate issued by the deployment's own
/// certificate authority (<c>Tls:ClientCertificateAuthority</c>, a PEM file), valid today, made for client
/// authentication, whose subject's common name is the party's id. API keys stay for the embedded
/// demo and tests. A call that presents a certificate is judged by it alone.
/// </summary>
public static class PartyCertificates
{
    public const string SchemeName = "PartyCertificate";
    public const string EitherScheme = "Party";
    public const string AuthorityKey = "Tls:ClientCertificateAuthority";

    public static void AddPartyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var authentication = services.AddAuthentication(EitherScheme)
            .AddPolicyScheme(EitherScheme, "API key or client certificate", o => o.ForwardDefaultSelector = http =>
                http.Connection.ClientCertificate is not null ? SchemeName : PartyKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PartyKeyAuthentication>(PartyKeyAuthentication.SchemeName, null);
        // Read at start, so a wrong path stops the service instead of failing its calls.
        var authority = configuration[AuthorityKey] is { Length: > 0 } file ? X509CertificateLoader.LoadCertificateFromFile(file) : null;
        authentication.AddCertificate(SchemeName, o =>
        {
            o.AllowedCertificateTypes = CertificateTypes.Chained;
            o.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
            // Without an authority configured, no client certificate is trusted.
            if (authority is not null)
                o.CustomTrustStore.Add(authority);
            o.RevocationMode = X509RevocationMode.NoCheck;
            o.ValidateCertificateUse = true;
            o.ValidateValidityPeriod = true;
            o.Events = new CertificateAuthenticationEvents
            {
                OnCertificateValidated = context =>
                {
                    var id = context.ClientCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                    var party = context.HttpContext.RequestServices.GetRequiredService<PartyDirectory>().FindById(id);
                    if (party is null)
                    {
                        context.Fail($"No party '{id}' is configured.");
                        return Task.CompletedTask;
                    }
                    context.Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PartyKeyAuthentication.PartyIdClaim, party.Id)], SchemeName));
                    context.Success();
                    return Task.CompletedTask;
                },
            };
        });
    }
}
