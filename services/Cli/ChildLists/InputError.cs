namespace Mediation.Cli.ChildLists;

/// <summary>
/// One problem in a list of children: where it is, as the person who fixes it finds it (a spreadsheet's row
/// number, the header row being 1, or a JSON item's position from 1) and what is wrong.
/// </summary>
public sealed record InputError(int Row, string Column, string Message)
{
    public override string ToString() => Column.Length == 0 ? $"row {Row}: {Message}" : $"row {Row}, column {Column}: {Message}";
}
