using System.Text.Json;

namespace Mediation.Cli.ChildLists;

/// <summary>
/// A list of children as a requesting party exchanges them in bulk: a CSV file (header row, one child per
/// row) or its JSON twin (an array of objects with the same keys). Read whole and checked whole: every
/// problem in every row is reported, and only a list without any may be sent.
/// </summary>
public sealed class ChildList
{
    private ChildList(IReadOnlyList<ChildListRow> rows, IReadOnlyList<InputError> errors)
    {
        Rows = rows;
        Errors = errors;
    }

    public IReadOnlyList<ChildListRow> Rows { get; }

    /// <summary>Every problem, in the order of the rows; empty when the list may be sent.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    public static ChildList Read(string path, DateTime now)
    {
        var text = File.ReadAllText(path);
        var json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                   || (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && text.TrimStart().StartsWith('['));
        return json ? FromJson(text, now) : FromCsv(text, now);
    }

    public static ChildList FromCsv(string text, DateTime now)
    {
        var (records, errors) = CsvRecords.Read(text);
        var all = errors.ToList();
        if (records.Count == 0)
            return new ChildList([], [new InputError(1, "", "the file is empty: a header row and one row per child are expected")]);
        var header = records[0];
        var columns = header.Fields.Select(f => f.Trim()).ToList();
        string Label(string column)
        {
            var index = columns.IndexOf(column);
            return index < 0 ? column : $"{column} ({CsvRecords.ColumnName(index)})";
        }
        all.AddRange(CheckHeader(header.Row, columns, c => CsvRecords.ColumnName(columns.IndexOf(c))));
        var rows = new List<ChildListRow>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != columns.Count)
                all.Add(new InputError(record.Row, "", $"{record.Fields.Count} fields where the header has {columns.Count} (a comma inside a field needs quotes)"));
            var cells = new Dictionary<string, string>();
            for (var i = 0; i < columns.Count && i < record.Fields.Count; i++)
                cells.TryAdd(columns[i], record.Fields[i]);
            rows.Add(ChildListRow.Read(record.Row, cells, now, Label));
        }
        return Finish(rows, all);
    }

    public static ChildList FromJson(string text, DateTime now)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return new ChildList([], [new InputError((int)(e.LineNumber ?? 0) + 1, "", "not JSON: " + e.Message)]);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                return new ChildList([], [new InputError(1, "", "a JSON list of children is an array of objects, one per child")]);
            var all = new List<InputError>();
            var rows = new List<ChildListRow>();
            var number = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                number++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    all.Add(new InputError(number, "", "not an object"));
                    continue;
                }
                var cells = new Dictionary<string, string>();
                foreach (var property in item.EnumerateObject())
                {
                    if (!ChildListColumns.All.Contains(property.Name))
                        all.Add(new InputError(number, property.Name, "unknown key; the keys are: " + string.Join(", ", ChildListColumns.All)));
                    else if (property.Value.ValueKind is JsonValueKind.String)
                        cells[property.Name] = property.Value.GetString()!;
                    else if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        cells[property.Name] = property.Value.GetBoolean() ? "yes" : "no";
                    else if (property.Value.ValueKind is not JsonValueKind.Null)
                        all.Add(new InputError(number, property.Name, "a string is expected"));
                }
                rows.Add(ChildListRow.Read(number, cells, now, c => c));
            }
            return Finish(rows, all);
        }
    }

    private static IEnumerable<InputError> CheckHeader(int row, IReadOnlyList<string> columns, Func<string, string> letter)
    {
        foreach (var column in columns.Where(c => !ChildListColumns.All.Contains(c)).Distinct())
            yield return new InputError(row, $"{column} ({letter(column)})", "unknown column; the columns are: " + string.Join(", ", ChildListColumns.All));
        foreach (var column in columns.Where(c => ChildListColumns.All.Contains(c)).GroupBy(c => c).Where(g => g.Count() > 1))
            yield return new InputError(row, column.Key, "the column appears twice");
        foreach (var column in ChildListColumns.All.Where(c => ChildListColumns.Required.Contains(c) && !columns.Contains(c)))
            yield return new InputError(row, column, "required column missing");
    }

    /// <summary>Adds the problems of the rows and the list as a whole: no child, or one child listed twice.</summary>
    private static ChildList Finish(List<ChildListRow> rows, List<InputError> errors)
    {
        if (rows.Count == 0 && errors.Count == 0)
            errors.Add(new InputError(1, "", "no child in the list"));
        errors.AddRange(rows.SelectMany(r => r.Errors));
        var first = new Dictionary<string, int>();
        foreach (var row in rows.Where(r => r.Request is not null))
        {
            if (first.TryGetValue(row.Identity, out var earlier))
                errors.Add(new InputError(row.Row, "", $"the same child as row {earlier} (names, birth date and last known region): list each child once"));
            else
                first[row.Identity] = row.Row;
        }
        return new ChildList(rows, errors.OrderBy(e => e.Row).ToList());
    }
}
