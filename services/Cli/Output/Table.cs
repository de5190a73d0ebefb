namespace Mediation.Cli.Output;

/// <summary>Rows under a header, each column as wide as its widest cell: what a person reads in a terminal.</summary>
public sealed class Table(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public Table Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public int Count => _rows.Count;

    public void WriteTo(TextWriter output)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, _rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        Write(header);
        foreach (var row in _rows)
            Write(row);

        void Write(string[] cells) =>
            output.WriteLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }
}
