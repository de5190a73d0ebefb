namespace Mediation.Requests.Matching;

/// <summary>
/// How likely two records describe the same child, as an absolute score from 0 to 1 that means the same
/// in every query: 0.6 × how alike the names sound (given and family names each, in either order, the
/// weaker of the two counting), 0.3 × how well the birth dates agree, 0.1 × whether the last known
/// regions agree. A pair is a candidate from <see cref="Threshold"/>, and only when the names are alike
/// (<see cref="NameThreshold"/>): a matching birth date never makes two different names the same child.
/// </summary>
public static class ChildMatch
{
    public const double Threshold = 0.8;
    public const double NameThreshold = 0.85;

    /// <summary>A child as the match sees it. The names' and region's keys are worked out once, not at every comparison.</summary>
    public sealed record Profile(string GivenName, string FamilyName, DateOnly BirthDate, string Region)
    {
        public string GivenKey { get; } = NameKey.Of(GivenName);
        public string FamilyKey { get; } = NameKey.Of(FamilyName);
        public string RegionKey { get; } = NameKey.Of(Region);

        /// <summary>
        /// What makes two records the same child beyond doubt (<see cref="IsSame"/>): both names sounding the
        /// same (in either order), the same birth date and the same last known region. Null when a name has
        /// no letters at all, which never matches anything.
        /// </summary>
        public (string, string, DateOnly, string)? Identity => GivenKey.Length == 0 || FamilyKey.Length == 0
            ? null
            : (string.CompareOrdinal(GivenKey, FamilyKey) <= 0 ? GivenKey : FamilyKey,
                string.CompareOrdinal(GivenKey, FamilyKey) <= 0 ? FamilyKey : GivenKey, BirthDate, RegionKey);
    }

    /// <summary>
    /// The same child, not a likely one: the score is 1 on every count. A party asking twice for one child
    /// in this sense made a mistake (or is flooding the registry); a mere candidate is for the mediator.
    /// </summary>
    public static bool IsSame(Profile a, Profile b) => a.Identity is { } identity && identity == b.Identity;

    public static double Names(Profile a, Profile b) => Math.Max(
        Math.Min(NameSimilarity.OfKeys(a.GivenKey, b.GivenKey), NameSimilarity.OfKeys(a.FamilyKey, b.FamilyKey)),
        Math.Min(NameSimilarity.OfKeys(a.GivenKey, b.FamilyKey), NameSimilarity.OfKeys(a.FamilyKey, b.GivenKey)));

    /// <summary>1 for the same date; 0.8 for day and month swapped or one part off by one (a typing slip); 0.3 for the same year; else 0.</summary>
    public static double BirthDates(DateOnly a, DateOnly b)
    {
        if (a == b)
            return 1;
        var swapped = a.Year == b.Year && a.Month == b.Day && a.Day == b.Month;
        var offByOne = (a.Year == b.Year ? 0 : 1) + (a.Month == b.Month ? 0 : 1) + (a.Day == b.Day ? 0 : 1) == 1
            && Math.Abs(a.Year - b.Year) + Math.Abs(a.Month - b.Month) + Math.Abs(a.Day - b.Day) == 1;
        if (swapped || offByOne)
            return 0.8;
        return a.Year == b.Year ? 0.3 : 0;
    }

    /// <summary>
    /// Every birth date that agrees with <paramref name="born"/> well enough for a candidate (at least 0.8:
    /// the same date, day and month swapped, or one part off by one). With names weighing 0.6 and the region
    /// 0.1, a date that agrees less can never reach <see cref="Threshold"/>, so the search asks only for these.
    /// </summary>
    public static IReadOnlyList<DateOnly> AgreeingDates(DateOnly born)
    {
        var dates = new List<DateOnly> { born, born.AddDays(-1), born.AddDays(1) };
        foreach (var (year, month, day) in new[]
                 {
                     (born.Year - 1, born.Month, born.Day), (born.Year + 1, born.Month, born.Day),
                     (born.Year, born.Month - 1, born.Day), (born.Year, born.Month + 1, born.Day),
                     (born.Year, born.Day, born.Month),
                 })
        {
            if (month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day <= DateTime.DaysInMonth(year, month))
                dates.Add(new DateOnly(year, month, day));
        }
        return dates.Where(d => BirthDates(born, d) >= 0.8).Distinct().ToList();
    }

    public static double Score(Profile a, Profile b)
    {
        var names = Names(a, b);
        return Math.Round(0.6 * names + 0.3 * BirthDates(a.BirthDate, b.BirthDate) + 0.1 * Regions(a, b), 3);
    }

    public static bool IsCandidate(Profile a, Profile b) => CandidateScore(a, b) is not null;

    /// <summary>The score when <paramref name="b"/> is a candidate for <paramref name="a"/>, else null.</summary>
    public static double? CandidateScore(Profile a, Profile b)
    {
        if (Names(a, b) < NameThreshold)
            return null;
        var score = Score(a, b);
        return score >= Threshold ? score : null;
    }

    private static int Regions(Profile a, Profile b) => a.RegionKey == b.RegionKey ? 1 : 0;
}
