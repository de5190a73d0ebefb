using Mediation.BuildingBlocks.Parties;
using Mediation.Requests.Domain;

namespace Mediation.Requests.Reports;

/// <summary>
/// The deployment's cases in aggregate, for the observer and the mediator: counts of children by stage, age band,
/// region found in, month of submission and holding party, and the time to reunion, each cell withheld where it
/// could single a child out (<see cref="SmallCells"/>). It holds no case id and no name.
/// </summary>
public sealed record CaseReport(
    DateTime ComputedAt,
    Figure Cases,
    IReadOnlyList<Cell> ByStage,
    IReadOnlyList<Cell> ByAgeBand,
    IReadOnlyList<Cell> ByRegionFound,
    IReadOnlyList<Cell> BySubmitMonth,
    IReadOnlyList<Cell> ReunitedByHoldingParty,
    IReadOnlyList<Cell> NotLocatedByHoldingParty,
    ReunionTimes SubmissionToReunion)
{
    public static CaseReport Of(IReadOnlyList<CaseFacts> cases, DateTime now)
    {
        var reunited = cases.Where(c => c.ReunitedAt is not null).ToList();
        return new CaseReport(
            now,
            Figure.Of(cases.Count),
            SmallCells.Suppress(Enum.GetValues<CaseStage>()
                .Select(s => (StageKey(s), cases.Count(c => c.Stage == s))).ToList()),
            SmallCells.Suppress(AgeBand.All
                .Select(b => (b.Key, cases.Count(c => AgeBand.Of(Child.AgeOn(c.BirthDate, DateOnly.FromDateTime(c.SubmittedAt))) == b.Key))).ToList()),
            SmallCells.Suppress(cases.Where(c => c.RegionFound is not null)
                .GroupBy(c => RegionKey(c.RegionFound!))
                // Spelled as most of its cases spell it; the first in order where that ties, so that it does not change from report to report.
                .Select(g => (g.GroupBy(c => c.RegionFound!.Trim()).OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key, g.Count()))
                .OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).ToList(), nameWithheld: false),
            SmallCells.Suppress(cases
                .GroupBy(c => c.SubmittedAt.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count())).ToList()),
            SmallCells.Suppress(reunited.Where(c => c.HoldingPartyId is not null)
                .GroupBy(c => c.HoldingPartyId!)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Party.ResourcePrefix + g.Key, g.Count())).ToList()),
            SmallCells.Suppress(cases.SelectMany(c => c.NotLocatedBy)
                .GroupBy(p => p)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Party.ResourcePrefix + g.Key, g.Count())).ToList()),
            ReunionTimes.Of(reunited.Select(c => c.ReunitedAt!.Value - c.SubmittedAt).ToList()));
    }

    /// <summary>A stage as the API names it (mediation.requests.v1.CaseStage without its prefix): <c>NOT_LOCATED</c>.</summary>
    public static string StageKey(CaseStage stage) =>
        string.Concat(stage.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : ch.ToString())).ToUpperInvariant();

    // "Kherson", "kherson " and "KHERSON" are one region; anything finer (spelling, transliteration) the parties agree on.
    private static string RegionKey(string region) => string.Join(' ', region.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
