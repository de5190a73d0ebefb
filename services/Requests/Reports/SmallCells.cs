namespace Mediation.Requests.Reports;

/// <summary>
/// Withholds the cells of a breakdown that could single a child out. Every breakdown is read as if its total
/// were known (the number of cases is, and most breakdowns' totals follow from another), so hiding the small
/// cells alone is not enough: the total minus the cells shown would give back a lone hidden cell, or a few
/// hidden cells that together hold fewer than <see cref="Figure.MinChildren"/> children, or hidden cells that
/// hold one child each (a listed cell is never empty). While any of that holds, the smallest cell still shown is
/// withheld too. Should every cell be withheld and that still hold, the breakdown tells nothing but that
/// it has cases: one unnamed withheld cell.
/// </summary>
public static class SmallCells
{
    /// <param name="counts">Each key's number of children, in the order the report lists them.</param>
    /// <param name="nameWithheld">
    /// Whether a withheld cell may keep its key. Where a key could itself point at a child (a region, as a holding
    /// party wrote it), every withheld cell is gathered into one unnamed cell instead.
    /// </param>
    public static IReadOnlyList<Cell> Suppress(IReadOnlyList<(string Key, int Children)> counts, bool nameWithheld = true)
    {
        var withheld = counts.Select(c => Figure.IsSmall(c.Children)).ToArray();
        while (Reveals(counts, withheld))
        {
            var next = Enumerable.Range(0, counts.Count)
                .Where(i => !withheld[i] && counts[i].Children > 0)
                .OrderBy(i => counts[i].Children)
                .Select(i => (int?)i)
                .FirstOrDefault();
            if (next is not { } i)
                return [new Cell("", Figure.Withheld)];
            withheld[i] = true;
        }
        var cells = new List<Cell>(counts.Count);
        for (var i = 0; i < counts.Count; i++)
            if (!withheld[i])
                cells.Add(new Cell(counts[i].Key, new Figure(counts[i].Children, false)));
            else if (nameWithheld)
                cells.Add(new Cell(counts[i].Key, Figure.Withheld));
        if (!nameWithheld && withheld.Any(w => w))
            cells.Add(new Cell("", Figure.Withheld));
        return cells;
    }

    /// <summary>Whether the total minus the cells shown would tell something about a withheld cell's children.</summary>
    private static bool Reveals(IReadOnlyList<(string Key, int Children)> counts, bool[] withheld)
    {
        var (cells, children) = (0, 0);
        for (var i = 0; i < counts.Count; i++)
            if (withheld[i])
                (cells, children) = (cells + 1, children + counts[i].Children);
        return cells > 0 && (cells == 1 || children < Figure.MinChildren || children == cells);
    }
}
