using System.Text.RegularExpressions;

namespace Mediation.Operations.Alerts;

/// <summary>
/// A named threshold: its condition (<see cref="Kind"/>, <see cref="Threshold"/>) must hold for <see cref="ForSeconds"/>
/// before the rule fires for a subject. <see cref="Queue"/> narrows the queue kinds (and the fault kinds, by the queue
/// a fault arrived on) to queues whose name matches; <c>*</c> matches any run of characters.
/// </summary>
public sealed record AlertRule(
    string Name,
    AlertKind Kind,
    double Threshold = 0,
    double ForSeconds = 0,
    double WindowMinutes = AlertRule.DefaultWindowMinutes,
    string? Queue = null,
    bool PerMessageType = false,
    bool Enabled = true)
{
    public const double DefaultWindowMinutes = 60;

    /// <summary>The subject of a rule that counts across everything (faults overall).</summary>
    public const string Overall = "all";

    private Regex? _queuePattern;

    public bool Watches(string queue)
    {
        if (Queue is null)
            return true;
        _queuePattern ??= new Regex("^" + Regex.Escape(Queue).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant);
        return _queuePattern.IsMatch(queue);
    }
}
