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

    public void ThrowIfAny()
    {
        if (Any)
            throw new InvalidInput(this);
    }
}
