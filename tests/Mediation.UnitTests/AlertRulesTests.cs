using Mediation.BuildingBlocks.Hosting;
using Mediation.Operations.Alerts;
using Mediation.Operations.Domain;
using Mediation.Operations.Queues;
using Microsoft.Extensions.Configuration;

namespace Mediation.UnitTests;

public class AlertTransitionsTests
{
    public static TheoryData<AlertStatus, AlertInput, AlertStatus, AlertHistory> Every() => new()
    {
        { AlertStatus.Ok, AlertInput.Normal, AlertStatus.Ok, AlertHistory.None },
        { AlertStatus.Ok, AlertInput.Breached, AlertStatus.Pending, AlertHistory.None },
        { AlertStatus.Ok, AlertInput.BreachedLongEnough, AlertStatus.Firing, AlertHistory.Fired },
        { AlertStatus.Pending, AlertInput.Normal, AlertStatus.Ok, AlertHistory.None },
        { AlertStatus.Pending, AlertInput.Breached, AlertStatus.Pending, AlertHistory.None },
        { AlertStatus.Pending, AlertInput.BreachedLongEnough, AlertStatus.Firing, AlertHistory.Fired },
        { AlertStatus.Firing, AlertInput.Normal, AlertStatus.Ok, AlertHistory.Cleared },
        { AlertStatus.Firing, AlertInput.Breached, AlertStatus.Firing, AlertHistory.None },
        { AlertStatus.Firing, AlertInput.BreachedLongEnough, AlertStatus.Firing, AlertHistory.None },
    };

    [Theory]
    [MemberData(nameof(Every))]
    public void Every_state_and_input(AlertStatus from, AlertInput input, AlertStatus to, AlertHistory history) =>
        Assert.Equal((to, history), AlertTransitions.Next(from, input));

    [Fact]
    public void The_table_has_a_row_for_every_state_and_input() =>
        Assert.Equal(Enum.GetValues<AlertStatus>().Length * Enum.GetValues<AlertInput>().Length, Every().Count);

    [Fact]
    public void The_input_tells_a_condition_that_held_long_enough_from_one_that_just_began()
    {
        var now = new DateTime(2026, 12, 2, 5, 0, 0, DateTimeKind.Utc);
        Assert.Equal(AlertInput.Normal, AlertTransitions.Input(false, now.AddMinutes(-10), 60, now));
        Assert.Equal(AlertInput.Breached, AlertTransitions.Input(true, now.AddSeconds(-59), 60, now));
        Assert.Equal(AlertInput.BreachedLongEnough, AlertTransitions.Input(true, now.AddSeconds(-60), 60, now));
        // With ForSeconds 0 a condition fires on the evaluation that first sees it.
        Assert.Equal(AlertInput.BreachedLongEnough, AlertTransitions.Input(true, null, 0, now));
    }

    [Fact]
    public void A_state_goes_pending_fires_after_its_time_and_clears_and_unchanged_readings_write_nothing()
    {
        var t0 = new DateTime(2026, 12, 2, 5, 0, 0, DateTimeKind.Utc);
        var state = new AlertState { Rule = "QueueBacklog", Subject = "q" };
        Assert.Equal(AlertHistory.None, state.Observe(new("q", 1500, true), 300, t0));
        Assert.Equal(AlertStatus.Pending, state.Status);
        Assert.Null(state.Observe(new("q", 1500, true), 300, t0.AddSeconds(10)));
        Assert.Equal(AlertHistory.Fired, state.Observe(new("q", 1600, true), 300, t0.AddSeconds(300)));
        Assert.Equal((AlertStatus.Firing, t0.AddSeconds(300), t0), (state.Status, state.Since, state.BreachedSince!.Value));
        Assert.Equal(AlertHistory.Cleared, state.Observe(new("q", 3, false), 300, t0.AddSeconds(400)));
        Assert.Equal((AlertStatus.Ok, (DateTime?)null, 3.0), (state.Status, state.BreachedSince, state.Value));
        // Breached again: its time starts over.
        state.Observe(new("q", 2000, true), 300, t0.AddSeconds(500));
        Assert.Equal((AlertStatus.Pending, t0.AddSeconds(500)), (state.Status, state.BreachedSince!.Value));
    }
}

public class AlertConditionsTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 5, 0, 0, DateTimeKind.Utc);

    private static AlertInputs Queues(params QueueReading[] queues) => AlertInputs.None with { Queues = queues };

    private static QueueReading Queue(string name, long ready, int consumers = 1) => new(name, ready, 0, consumers, 0, 0);

    [Fact]
    public void Every_kind_has_a_condition() => Assert.Equal(Enum.GetValues<AlertKind>().Order(), AlertConditions.Kinds.Order());

    [Fact]
    public void Queue_depth_reads_each_work_queue_the_pattern_matches_and_no_error_queue()
    {
        var rule = new AlertRule("Backlog", AlertKind.QueueDepth, Threshold: 100, Queue: "verification-*");
        var readings = AlertConditions.Read(rule, Queues(Queue("verification-case-located", 101), Queue("verification-check", 100),
            Queue("verification-case-located_error", 5000), Queue("handover-batch", 9999)), Now)!;
        Assert.Equal([new("verification-case-located", 101, true), new("verification-check", 100, false)], readings);
    }

    [Fact]
    public void Queue_rules_have_no_reading_while_there_is_no_sample()
    {
        Assert.Null(AlertConditions.Read(new AlertRule("Backlog", AlertKind.QueueDepth), AlertInputs.None, Now));
        Assert.Null(AlertConditions.Read(new AlertRule("Missing", AlertKind.ConsumerMissing), AlertInputs.None, Now));
    }

    [Fact]
    public void A_queue_without_a_consumer_breaches_consumer_missing()
    {
        var readings = AlertConditions.Read(new AlertRule("Missing", AlertKind.ConsumerMissing), Queues(Queue("a", 0, consumers: 0), Queue("b", 0, consumers: 2)), Now)!;
        Assert.Equal([new("a", 0, true), new("b", 2, false)], readings);
    }

    private static readonly AlertInputs Faults = AlertInputs.None with
    {
        Faults =
        [
            new("CaseLocated", "verification-case-located", Now.AddMinutes(-5), Open: true),
            new("CaseLocated", "verification-case-located", Now.AddMinutes(-90), Open: true),
            new("CheckCompleted", "handover-check-completed", Now.AddMinutes(-1), Open: false),
        ],
    };

    [Fact]
    public void Faults_in_the_last_hour_count_what_arrived_in_the_window_overall_or_per_message_type()
    {
        Assert.Equal([new(AlertRule.Overall, 2, true)], AlertConditions.Read(new AlertRule("F", AlertKind.FaultsInLastHour), Faults, Now));
        Assert.Equal([new(AlertRule.Overall, 2, false)], AlertConditions.Read(new AlertRule("F", AlertKind.FaultsInLastHour, Threshold: 2), Faults, Now));
        Assert.Equal([new(AlertRule.Overall, 3, true)], AlertConditions.Read(new AlertRule("F", AlertKind.FaultsInLastHour, WindowMinutes: 120), Faults, Now));
        Assert.Equal([new("CaseLocated", 1, true), new("CheckCompleted", 1, true)],
            AlertConditions.Read(new AlertRule("F", AlertKind.FaultsInLastHour, PerMessageType: true), Faults, Now)!.OrderBy(r => r.Subject));
    }

    [Fact]
    public void Open_faults_count_only_faults_no_operator_acted_on()
    {
        Assert.Equal([new(AlertRule.Overall, 2, true)], AlertConditions.Read(new AlertRule("O", AlertKind.OpenFaults), Faults, Now));
        Assert.Equal([new(AlertRule.Overall, 0, false)], AlertConditions.Read(new AlertRule("O", AlertKind.OpenFaults, Queue: "handover-*"), Faults, Now));
        Assert.Equal([new("CaseLocated", 2, true)], AlertConditions.Read(new AlertRule("O", AlertKind.OpenFaults, Threshold: 1, PerMessageType: true), Faults, Now));
    }

    [Fact]
    public void A_stale_instance_breaches_heartbeat_missed_and_a_stopped_one_does_not()
    {
        var inputs = AlertInputs.None with
        {
            Instances = [new("verification", "host-a", InstanceState.Stale, 31.04), new("requests", "host-a", InstanceState.Up, 2), new("handover", "host-b", InstanceState.Stopped, 600)],
        };
        Assert.Equal([new("verification host-a", 31, true), new("requests host-a", 2, false), new("handover host-b", 600, false)],
            AlertConditions.Read(new AlertRule("H", AlertKind.HeartbeatMissed), inputs, Now));
    }

    [Fact]
    public void Cases_overdue_breach_per_party_above_the_threshold()
    {
        var inputs = AlertInputs.None with { OverdueByParty = new Dictionary<string, int> { ["holder-1"] = 11, ["holder-2"] = 10 } };
        Assert.Equal([new("holder-1", 11, true), new("holder-2", 10, false)],
            AlertConditions.Read(new AlertRule("C", AlertKind.CasesOverdue, Threshold: 10), inputs, Now)!.OrderBy(r => r.Subject));
    }
}

public class AlertRulesSettingsTests
{
    private static AlertRules From(params (string Key, string Value)[] settings) => AlertRules.From(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void Without_settings_the_defaults_run()
    {
        var rules = From();
        Assert.Equal(["QueueBacklog", "ConsumerMissing", "FaultsLastHour", "OpenFaults", "HeartbeatMissed", "CasesOverdue"], rules.Enabled.Select(r => r.Name));
        Assert.Equal(new AlertRule("QueueBacklog", AlertKind.QueueDepth, 1000, 300), rules.All[0]);
        Assert.Equal(10, rules.All.Single(r => r.Name == "CasesOverdue").Threshold);
    }

    [Fact]
    public void Settings_change_a_default_disable_one_and_add_a_rule()
    {
        var rules = From(
            ("Operations:Alerts:QueueBacklog:Threshold", "50"), ("Operations:Alerts:QueueBacklog:ForSeconds", "30"),
            ("Operations:Alerts:CasesOverdue:Enabled", "false"),
            ("Operations:Alerts:VerificationFaults:Kind", "openfaults"), ("Operations:Alerts:VerificationFaults:Queue", "verification-*"),
            ("Operations:Alerts:VerificationFaults:PerMessageType", "true"));
        Assert.Equal(new AlertRule("QueueBacklog", AlertKind.QueueDepth, 50, 30), rules.All[0]);
        Assert.DoesNotContain(rules.Enabled, r => r.Name == "CasesOverdue");
        Assert.Equal(new AlertRule("VerificationFaults", AlertKind.OpenFaults, Queue: "verification-*", PerMessageType: true), rules.All[^1]);
    }

    [Theory]
    [InlineData("Operations:Alerts:Mine:Kind", "QueueLength", "'QueueLength' is not a kind of alert rule")]
    [InlineData("Operations:Alerts:Mine:Kind", "3", "'3' is not a kind of alert rule")]
    [InlineData("Operations:Alerts:QueueBacklog:Threshold", "-1", "Operations:Alerts:QueueBacklog:Threshold is -1: it cannot be negative")]
    [InlineData("Operations:Alerts:ConsumerMissing:ForSeconds", "-5", "ForSeconds is -5: it cannot be negative")]
    [InlineData("Operations:Alerts:QueueBacklog:Threshold", "lots", "'lots' is not a number")]
    [InlineData("Operations:Alerts:OpenFaults:Enabled", "maybe", "neither true nor false")]
    [InlineData("Operations:Alerts:FaultsLastHour:WindowMinutes", "0", "WindowMinutes must be more than 0")]
    [InlineData("Operations:Alerts:Mine:Threshold", "5", "needs a Kind")]
    [InlineData("Operations:Alerts:my-rule:Kind", "OpenFaults", "letters and digits")]
    public void A_setting_that_cannot_be_meant_refuses_the_start(string key, string value, string said)
    {
        var refused = Assert.Throws<StartRefused>(() => From((key, value)));
        Assert.Contains(said, refused.Message);
    }
}
