namespace Mediation.Requests.Matching;

/// <summary>
/// How alike two names sound, from 0 to 1: one minus the edit distance of their <see cref="NameKey"/>s
/// over the longer key, lowered by a fifth when one ends in -a and the other does not — in both
/// languages that ending marks the feminine form (Oleksandr/Oleksandra, Ivan/Ivanna, Petrov/Petrova),
/// and a brother and sister are not one child.
/// </summary>
public static class NameSimilarity
{
    public static double Of(string a, string b) => OfKeys(NameKey.Of(a), NameKey.Of(b));

    public static double OfKeys(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
            return 0;
        var similarity = 1.0 - (double)Distance(a, b) / Math.Max(a.Length, b.Length);
        return a[^1] == 'A' == (b[^1] == 'A') ? similarity : similarity * 0.8;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
