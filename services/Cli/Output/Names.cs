using System.Text;

namespace Mediation.Cli.Output;

/// <summary>
/// Enum values and resource names as an officer reads and types them: <c>NOT_LOCATED</c> rather than the
/// generated <c>NotLocated</c> or the proto's <c>CASE_STAGE_NOT_LOCATED</c>, and a case's id with or
/// without its <c>cases/</c> prefix.
/// </summary>
public static class Names
{
    /// <summary>UPPER_SNAKE, as in the protos without their prefix: <c>NOT_LOCATED</c>.</summary>
    public static string Of<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        var name = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]) && !char.IsUpper(text[i - 1]))
                name.Append('_');
            name.Append(char.ToUpperInvariant(text[i]));
        }
        return name.ToString();
    }

    /// <summary>
    /// The value named by <paramref name="text"/> in any of the forms above (case and separators aside);
    /// null when none is, or when it names the UNSPECIFIED value.
    /// </summary>
    public static T? Parse<T>(string text) where T : struct, Enum
    {
        var key = Squash(text);
        foreach (var value in Enum.GetValues<T>())
        {
            var name = Squash(Of(value));
            if (Convert.ToInt32(value) != 0 && (key == name || key == Squash(typeof(T).Name) + name))
                return value;
        }
        return null;
    }

    /// <summary>Every value an officer may type, for a message.</summary>
    public static string Choices<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Where(v => Convert.ToInt32(v) != 0).Select(v => Of(v)));

    /// <summary><c>cases/{id}</c> from an id written with or without its prefix.</summary>
    public static string Case(string text) => Resource("cases/", text);

    public static string Batch(string text) => Resource("batches/", text);

    public static string Party(string text) => Resource("parties/", text);

    private static string Resource(string prefix, string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith(prefix, StringComparison.Ordinal) ? trimmed : prefix + trimmed;
    }

    private static string Squash(string text) => new(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
