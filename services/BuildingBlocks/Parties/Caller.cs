using Grpc.Core;
using Mediation.BuildingBlocks.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.BuildingBlocks.Parties;

/// <summary>
/// Who is calling: the party (from its credentials, never from the request) and the officer it names
/// in the <c>x-officer</c> header. The officer is recorded, never used to decide what is allowed.
/// </summary>
public sealed record Caller(Party Party, string? Officer)
{
    public const string OfficerHeader = "x-officer";
    public const int MaxOfficerLength = 100;

    public PartyKind Kind => Party.Kind;

    public static Caller From(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var id = http.User.FindFirst(PartyKeyAuthentication.PartyIdClaim)?.Value;
        var party = id is null ? null : http.RequestServices.GetRequiredService<PartyDirectory>().FindById(id);
        if (party is null)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "A party's credentials are required."));
        return new Caller(party, OfficerNamedIn(http));
    }

    /// <summary>The officer the call names in <c>x-officer</c> (the last, as gRPC's metadata reads it), trimmed; null when it names none.</summary>
    public static string? OfficerNamedIn(HttpContext http) =>
        http.Request.Headers[OfficerHeader].LastOrDefault()?.Trim() is { Length: > 0 } officer ? officer : null;

    /// <summary>Mutating calls must name the acting officer, for the timeline and the audit.</summary>
    public string RequireOfficer()
    {
        if (Officer is null || Officer.Length > MaxOfficerLength)
            throw new InvalidInput(new FieldViolations().Add(
                "metadata." + OfficerHeader,
                $"name the acting officer in the '{OfficerHeader}' header (1..{MaxOfficerLength} characters)"));
        return Officer;
    }

    /// <summary>Refuses a party whose kind may not do this at all.</summary>
    public void RequireKind(PartyKind kind, string action)
    {
        if (Kind != kind)
            throw new NotPermitted($"Only a {kind.ToString().ToLowerInvariant()} party may {action}.");
    }
}
