using System.Globalization;
using Mediation.BuildingBlocks.Api;
using Mediation.Requests.Matching;

namespace Mediation.Requests.Api;

/// <summary>Where a page of match candidates ended, in their order (best score first, then id): the page token.</summary>
public readonly record struct MatchCandidatePosition(double Score, string Id)
{
    public static string Encode(MatchCandidate last) =>
        Paging.Encode(string.Create(CultureInfo.InvariantCulture, $"{last.Score:R}/{last.Id}"));

    public static MatchCandidatePosition? Decode(string? token, FieldViolations v)
    {
        if (Paging.Decode(token, v) is not { } key)
            return null;
        var cut = key.IndexOf('/');
        if (cut > 0 && double.TryParse(key[..cut], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && cut + 1 < key.Length)
            return new MatchCandidatePosition(score, key[(cut + 1)..]);
        v.Add("page_token", "not a token from a previous response");
        return null;
    }
}
