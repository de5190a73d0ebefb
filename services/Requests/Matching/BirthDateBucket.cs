namespace Mediation.Requests.Matching;

/// <summary>
/// Every case born on one date, known by the date's blind index. A submission writes the bucket of each
/// date its match search read (its child's date and the dates that agree with it), so two submissions of
/// the same child at the same moment write one bucket and conflict: the later one searches again and
/// finds the earlier, instead of each missing the other.
/// </summary>
public sealed class BirthDateBucket
{
    public required string BirthDateIndex { get; init; }
    public int Version { get; set; }
}
