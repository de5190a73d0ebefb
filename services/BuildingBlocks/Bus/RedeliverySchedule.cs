using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Bus;

/// <summary>
/// When a message whose consumer keeps failing is delivered again, after the immediate retries have
/// passed: <c>Bus:Redelivery</c>, delays separated by commas (<c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>2h</c>),
/// by default 10 s, 1 min, 5 min, 30 min and 2 h — an outage of a database, a peer or the broker that
/// lasts minutes to hours heals with nobody pressing Retry. <c>none</c> sends a failure straight to the
/// fault inbox. Only what still fails after the last delay, or fails for a reason no retry can fix,
/// reaches the operators.
/// </summary>
public sealed record RedeliverySchedule(IReadOnlyList<TimeSpan> Delays)
{
    public const string Key = "Bus:Redelivery";
    public static readonly RedeliverySchedule Default = Parse("10s,1m,5m,30m,2h");

    /// <summary>What a passing race (two writers on one case) or a blip needs: a few quick tries in the consumer.</summary>
    public static readonly IReadOnlyList<TimeSpan> ImmediateRetries =
        [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)];

    public static RedeliverySchedule From(IConfiguration configuration) =>
        configuration[Key] is { Length: > 0 } text ? Parse(text) : Default;

    public static RedeliverySchedule Parse(string text)
    {
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            return new RedeliverySchedule([]);
        var delays = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Delay).ToList();
        return new RedeliverySchedule(delays);
    }

    public override string ToString() =>
        Delays.Count == 0 ? "none" : string.Join(", ", Delays.Select(Format));

    /// <summary>A delay as the name of the broker queue that holds it: whole seconds, or milliseconds below one.</summary>
    public static string Format(TimeSpan delay) => delay.TotalSeconds >= 1 && delay.Milliseconds == 0
        ? $"{(long)delay.TotalSeconds}s" : $"{(long)delay.TotalMilliseconds}ms";

    private static TimeSpan Delay(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], "ms") : (text[..^1], text[^1..]);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new InvalidOperationException($"{Key}: '{text}' is not a delay such as 500ms, 10s, 5m or 2h.");
        return unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            _ => throw new InvalidOperationException($"{Key}: '{text}' is not a delay such as 500ms, 10s, 5m or 2h."),
        };
    }
}
