using System.Text;

namespace Mediation.Cli.ChildLists;

/// <summary>
/// The records of a CSV text (RFC 4180: comma-separated, fields quoted with <c>"</c> when they hold a comma, a
/// quote or a line break, <c>""</c> for a quote inside). A record is a row as a spreadsheet numbers it, even
/// when a quoted field spans lines. Blank lines are skipped but keep their number.
/// </summary>
public static class CsvRecords
{
    public sealed record Record(int Row, IReadOnlyList<string> Fields);

    public static (IReadOnlyList<Record> Records, IReadOnlyList<InputError> Errors) Read(string text)
    {
        var records = new List<Record>();
        var errors = new List<InputError>();
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..]; // a spreadsheet's UTF-8 byte order mark
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var quoted = false;
        var wasQuoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }
                if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    break;
                case '"':
                    errors.Add(new InputError(row, ColumnName(fields.Count), "a quote inside an unquoted field (quote the whole field and write a quote as \"\")"));
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                        i++;
                    EndRecord();
                    break;
                default:
                    if (wasQuoted)
                        errors.Add(new InputError(row, ColumnName(fields.Count), "text after a closing quote"));
                    field.Append(c);
                    break;
            }
            i++;
        }
        if (quoted)
            errors.Add(new InputError(row, ColumnName(fields.Count), "a quoted field is not closed"));
        EndRecord();
        return (records, errors);

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            wasQuoted = false;
            if (fields.Count > 1 || fields[0].Length > 0)
                records.Add(new Record(row, fields.ToList()));
            fields.Clear();
            row++;
        }
    }

    /// <summary>A column's letter as a spreadsheet shows it: A…Z, AA…</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }
}
