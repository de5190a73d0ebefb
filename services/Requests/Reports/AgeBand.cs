namespace Mediation.Requests.Reports;

/// <summary>The age bands a report counts children in, by their age in whole years on the day their case was submitted.</summary>
public static class AgeBand
{
    /// <summary>Every band, youngest first, each with its youngest age.</summary>
    public static readonly (string Key, int From)[] All = [("0-4", 0), ("5-9", 5), ("10-14", 10), ("15-17", 15), ("18+", 18)];

    public static string Of(int ageYears) => All.Last(b => ageYears >= b.From).Key;
}
