using System.CommandLine;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;

namespace Mediation.Cli.Commands;

/// <summary>Arguments and options several commands take, written once so that each reads the same everywhere.</summary>
public static class Arguments
{
    public static Argument<string> Case() => new("case") { Description = "The case: cases/{id}, or its id alone" };

    public static Option<string?> RequestId() => new("--request-id")
    {
        Description = "The request id to send (default: a new one). Give the same id to rerun a command safely: the service answers it with its first result",
    };

    public static Option<string?> Text(string name, string description, bool required = false) => new(name) { Description = description, Required = required };

    /// <summary>An enum value typed by an officer, or an <see cref="InvalidInputException"/> listing the choices.</summary>
    public static T Enum<T>(string? text, string what) where T : struct, System.Enum =>
        text is not null && Names.Parse<T>(text) is { } value
            ? value
            : throw new InvalidInputException($"{what}: '{text}' is none of {Names.Choices<T>()}");

    public static DateTime Time(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
            return DateTime.UtcNow;
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            return at.UtcDateTime;
        throw new InvalidInputException($"{what}: '{text}' is not a time (RFC 3339, e.g. 2026-11-01T10:00:00Z)");
    }
}
