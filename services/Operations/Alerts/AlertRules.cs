using System.Globalization;
using System.Text.RegularExpressions;
using Mediation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Mediation.Operations.Alerts;

/// <summary>
/// The rules a deployment runs: <see cref="Defaults"/>, changed, disabled or added under
/// <c>Operations:Alerts:&lt;RuleName&gt;:Kind|Threshold|ForSeconds|WindowMinutes|Queue|PerMessageType|Enabled</c>.
/// A setting that cannot be meant (an unknown kind, a negative threshold, a number that is none) refuses the start:
/// a rule that silently never fires is worse than a process that does not start.
/// </summary>
public sealed partial class AlertRules
{
    public const string Section = "Operations:Alerts";

    public static readonly IReadOnlyList<AlertRule> Defaults =
    [
        new("QueueBacklog", AlertKind.QueueDepth, Threshold: 1000, ForSeconds: 300),
        new("ConsumerMissing", AlertKind.ConsumerMissing, ForSeconds: 60),
        new("FaultsLastHour", AlertKind.FaultsInLastHour, Threshold: 0, WindowMinutes: 60),
        new("OpenFaults", AlertKind.OpenFaults, Threshold: 0),
        new("HeartbeatMissed", AlertKind.HeartbeatMissed),
        new("CasesOverdue", AlertKind.CasesOverdue, Threshold: 10),
    ];

    public AlertRules(IReadOnlyList<AlertRule> all) => All = all;

    /// <summary>Every rule, enabled or not, defaults first, in the order configured.</summary>
    public IReadOnlyList<AlertRule> All { get; }

    public IEnumerable<AlertRule> Enabled => All.Where(r => r.Enabled);

    /// <summary>The rules <paramref name="configuration"/> makes of the defaults; throws <see cref="StartRefused"/> on a bad setting.</summary>
    public static AlertRules From(IConfiguration configuration)
    {
        var rules = Defaults.ToList();
        var problems = new List<string>();
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var name = section.Key;
            var at = rules.FindIndex(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (!RuleName().IsMatch(name))
            {
                problems.Add($"{Section}:{name}: a rule's name is letters and digits, starting with a letter.");
                continue;
            }
            var rule = at >= 0 ? rules[at] : null;
            if (section["Kind"] is { } kindText)
            {
                if (Enum.TryParse<AlertKind>(kindText, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(kindText, out _))
                    rule = (rule ?? new AlertRule(name, kind)) with { Kind = kind };
                else
                {
                    problems.Add($"{Section}:{name}:Kind '{kindText}' is not a kind of alert rule ({string.Join(", ", Enum.GetNames<AlertKind>())}).");
                    continue;
                }
            }
            if (rule is null)
            {
                problems.Add($"{Section}:{name}: a rule that is not one of the defaults ({string.Join(", ", Defaults.Select(d => d.Name))}) needs a Kind.");
                continue;
            }
            rule = rule with
            {
                Threshold = Number(section, "Threshold", rule.Threshold, problems),
                ForSeconds = Number(section, "ForSeconds", rule.ForSeconds, problems),
                WindowMinutes = Number(section, "WindowMinutes", rule.WindowMinutes, problems),
                Queue = section["Queue"] is { Length: > 0 } queue ? queue : rule.Queue,
                PerMessageType = Flag(section, "PerMessageType", rule.PerMessageType, problems),
                Enabled = Flag(section, "Enabled", rule.Enabled, problems),
            };
            if (rule.WindowMinutes == 0)
                problems.Add($"{Section}:{name}:WindowMinutes must be more than 0.");
            if (at >= 0)
                rules[at] = rule;
            else
                rules.Add(rule);
        }
        if (problems.Count > 0)
            throw new StartRefused("The alert rules' settings are not usable:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems));
        return new AlertRules(rules);
    }

    private static double Number(IConfigurationSection section, string key, double otherwise, List<string> problems)
    {
        if (section[key] is not { } text)
            return otherwise;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            problems.Add($"{section.Path}:{key} '{text}' is not a number.");
        else if (value < 0)
            problems.Add($"{section.Path}:{key} is {text}: it cannot be negative.");
        else
            return value;
        return otherwise;
    }

    private static bool Flag(IConfigurationSection section, string key, bool otherwise, List<string> problems)
    {
        if (section[key] is not { } text)
            return otherwise;
        if (bool.TryParse(text, out var value))
            return value;
        problems.Add($"{section.Path}:{key} '{text}' is neither true nor false.");
        return otherwise;
    }

    // Names are Prometheus label values and data-* attributes on the page: no spaces, no quotes.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex RuleName();
}
