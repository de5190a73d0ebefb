namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// Collects every problem with a request before refusing it, so a partner fixes them all in one round.
/// Field paths follow the proto field names, e.g. <c>children[3].child.birth_date</c>.
/// </summary>
public sealed class FieldViolations
{
    private readonly List<(string Field, string Description)> _items = [];

    public IReadOnlyList<(string Field, string Description)> Items => _items;

    public bool Any => _items.Count > 0;

    public string Summary => _items.Count switch
    {
        0 => "Invalid request.",
        1 => $"Invalid {_items[0].Field}: {_items[0].Description}.",
        _ => $"{_items.Count} invalid fields, first {_items[0].Field}: {_items[0].Description}.",
    };

    public FieldViolations Add(string field, string description)
    {
        _items.Add((field, description));
        return this;
    }

    /// <summary>Text that must be present and at most <paramref name="max"/> characters.</summary>
    public FieldViolations RequireText(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, "required");
        else if (value.Length > max)
            Add(field, $"at most {max} characters");
        return this;
    }

    /// <summary>Text that may be empty but is at most <paramref name="max"/> characters.</summary>
    public FieldViolations LimitText(string field, string? value, int max)
    {
        if (value is { Length: > 0 } && value.Length > max)
            Add(field, $"at most {max} characters");
        return this;
    }

    public FieldViolations RequireCount(string field, int count, int min, int max)
    {
        if (count < min || count > max)
            Add(field, min == max ? $"exactly {min} expected" : $"{min}..{max} items expected, got {count}");
        return this;
    }

    /// <summary>
    /// <paramref name="value"/> as UTC, or null with a violation when it is missing (and
    /// <paramref name="required"/>) or outside what a timestamp may hold (0001-01-01..9999-12-31).
    /// </summary>
    public DateTime? Time(string field, Google.Protobuf.WellKnownTypes.Timestamp? value, bool required = true)
    {
        const long minSeconds = -62_135_596_800, maxSeconds = 253_402_300_799;
        if (value is null)
        {
            if (required)
                Add(field, "required");
            return null;
        }
        if (value.Seconds is < minSeconds or > maxSeconds || value.Nanos is < 0 or > 999_999_999)
        {
            Add(field, "not a valid timestamp: between 0001-01-01 and 9999-12-31 UTC");
            return null;
        }
        return value.ToDateTime();
    }

    public void ThrowIfAny()
    {
        if (Any)
            throw new InvalidInput(this);
    }
}
