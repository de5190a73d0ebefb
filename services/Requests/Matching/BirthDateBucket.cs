namespace Mediation.Requests.Matching;

/// <summary>
/// Every case born on one date, known by the date's blind index. A submission moves the bucket of its child's
/// date on and checks that the buckets of the other dates its match search read (those that agree) have not
/// moved (<see cref="MatchSearch"/>), so two submissions of look-alike children at the same moment conflict: the
/// later one searches again and finds the earlier, instead of each missing the other. Submissions that only read
/// the same dates do not conflict.
/// </summary>
public sealed class BirthDateBucket
{
    public required string BirthDateIndex { get; init; }
    public int Version { get; set; }
}
