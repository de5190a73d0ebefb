namespace Mediation.Requests.Reports;

/// <summary>A number of children as a report may show it: the number, or withheld. A withheld figure carries no number at all.</summary>
public readonly record struct Figure(int Children, bool Suppressed)
{
    /// <summary>Fewer children than this in one figure could single a child out (docs/partners.md, "Reports: aggregates for the observer").</summary>
    public const int MinChildren = 5;

    public static readonly Figure Withheld = new(0, true);

    /// <summary>The figure for <paramref name="children"/> on its own: withheld from 1 to 4; 0 is shown, it singles nobody out.</summary>
    public static Figure Of(int children) => IsSmall(children) ? Withheld : new(children, false);

    public static bool IsSmall(int children) => children is > 0 and < MinChildren;
}
