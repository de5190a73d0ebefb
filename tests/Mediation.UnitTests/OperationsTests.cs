using MassTransit;
using Mediation.BuildingBlocks.Operators;
using Mediation.Contracts;
using Mediation.Operations.Api;
using Mediation.Operations.Consumers;
using Mediation.Operations.Domain;
using Mediation.Operations.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProtoStage = Mediation.Api.Requests.V1.CaseStage;

namespace Mediation.UnitTests;

public class FaultTransitionsTests
{
    public static TheoryData<FaultState, FaultAction> Every()
    {
        var data = new TheoryData<FaultState, FaultAction>();
        foreach (var s in Enum.GetValues<FaultState>())
            foreach (var a in Enum.GetValues<FaultAction>())
                data.Add(s, a);
        return data;
    }

    /// <summary>Only an open fault can be acted on; every other pair is refused, so nothing is retried twice from the page.</summary>
    [Theory]
    [MemberData(nameof(Every))]
    public void Every_state_and_action(FaultState from, FaultAction action)
    {
        FaultState? expected = (from, action) switch
        {
            (FaultState.Open, FaultAction.Retry) => FaultState.Retried,
            (FaultState.Open, FaultAction.Discard) => FaultState.Discarded,
            _ => null,
        };
        Assert.Equal(expected, FaultTransitions.Next(from, action));
    }

    [Fact]
    public void A_fault_records_who_acted_once()
    {
        var fault = new FaultedMessage
        {
            MessageType = typeof(CaseLocated).FullName!, Queue = "loopback://localhost/verification-case-located",
            ExceptionType = "X", ExceptionMessage = "x", Body = "{}",
        };
        Assert.Equal("CaseLocated", fault.ShortType);
        Assert.Equal("verification-case-located", fault.QueueName);
        Assert.True(fault.Act(FaultAction.Discard, "operator-1", DateTime.UnixEpoch, "duplicate"));
        Assert.False(fault.Act(FaultAction.Retry, "operator-2", DateTime.UnixEpoch));
        Assert.Equal((FaultState.Discarded, "operator-1", "duplicate"), (fault.State, fault.ActedBy, fault.DiscardReason));
    }
}

public class CaseStagesTests
{
    [Fact]
    public void Every_stage_is_one_the_requests_api_names()
    {
        var names = Enum.GetValues<ProtoStage>().Select(s => s.ToString()).ToHashSet();
        foreach (var stage in CaseStages.InOrder)
            Assert.Contains(string.Concat(stage.ToLowerInvariant().Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])), names);
    }

    [Fact]
    public void The_projection_consumes_every_event_and_the_fault_intake_takes_every_faulted_event()
    {
        var events = CaseEventTypes.All.ToList();
        Assert.Equal(typeof(ICaseEvent).Assembly.GetExportedTypes().Count(t => t.IsClass && typeof(ICaseEvent).IsAssignableFrom(t)), events.Count);
        foreach (var e in events)
            Assert.True(typeof(IConsumer<>).MakeGenericType(e).IsAssignableFrom(typeof(CaseEventsProjection)), $"{e.Name} is not projected");
    }

    [Fact]
    public void Events_that_do_not_move_a_case_have_no_stage()
    {
        Assert.Null(StageProjection.ReportedBy(typeof(CheckAttested)));
        Assert.Null(StageProjection.ReportedBy(typeof(CustodyTransferred)));
        Assert.Equal((Producer.Verification, "IN_VERIFICATION"), StageProjection.ReportedBy(typeof(ChecklistReopened)));
    }

    [Fact]
    public void Every_stage_an_event_reports_is_one_the_dashboard_counts() =>
        Assert.All(typeof(ICaseEvent).Assembly.GetExportedTypes().Where(t => t.IsClass && typeof(ICaseEvent).IsAssignableFrom(t)),
            t => Assert.True(StageProjection.ReportedBy(t) is not { } r || CaseStages.InOrder.Contains(r.Stage), t.Name));
}

public class QueueWatchTests
{
    private sealed class Readings : IQueueSource
    {
        public List<QueueReading> Now { get; set; } = [];
        public string Origin => "test";
        public Task<IReadOnlyList<QueueReading>> Read(CancellationToken ct) => Task.FromResult<IReadOnlyList<QueueReading>>(Now);
    }

    private static (QueueWatch Watch, Readings Source, FakeTimeProvider Clock) Watch(double growthSeconds = 60)
    {
        var source = new Readings();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operations:GrowthAlarmSeconds"] = growthSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return (new QueueWatch(source, configuration, clock, NullLogger<QueueWatch>.Instance), source, clock);
    }

    private static QueueReading Q(string name, long ready, int consumers = 1) => new(name, ready, 0, consumers, 0, 0);

    [Fact]
    public async Task A_work_queue_without_a_consumer_raises_an_alarm_an_error_queue_does_not()
    {
        var (watch, source, _) = Watch();
        source.Now = [Q("verification-case-located", 0, consumers: 0), Q("verification-case-located_error", 3, consumers: 0)];
        await watch.Scan(CancellationToken.None);
        var alarm = Assert.Single(watch.Latest.Alarms);
        Assert.Equal(("verification-case-located", QueueAlarm.NoConsumer), (alarm.Queue, alarm.Kind));
    }

    [Fact]
    public async Task A_queue_that_keeps_growing_for_the_set_time_raises_an_alarm()
    {
        var (watch, source, clock) = Watch(growthSeconds: 60);
        for (var i = 1; i <= 3; i++)
        {
            source.Now = [Q("requests-case-events", i * 10)];
            await watch.Scan(CancellationToken.None);
            Assert.Empty(watch.Latest.Alarms);
            clock.Advance(TimeSpan.FromSeconds(20));
        }
        source.Now = [Q("requests-case-events", 40)];
        await watch.Scan(CancellationToken.None);
        Assert.Equal(QueueAlarm.Growing, Assert.Single(watch.Latest.Alarms).Kind);
    }

    [Fact]
    public async Task A_queue_that_drains_between_samples_raises_none()
    {
        var (watch, source, clock) = Watch(growthSeconds: 60);
        foreach (var ready in new long[] { 10, 20, 5, 15, 25, 0, 10 })
        {
            source.Now = [Q("handover-case-verified", ready)];
            await watch.Scan(CancellationToken.None);
            Assert.Empty(watch.Latest.Alarms);
            clock.Advance(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task An_unreachable_broker_api_is_reported_not_thrown()
    {
        var (watch, _, _) = Watch();
        var failing = new QueueWatch(new Unreachable(), new ConfigurationBuilder().Build(), TimeProvider.System, NullLogger<QueueWatch>.Instance);
        await failing.Scan(CancellationToken.None);
        Assert.Contains("unreachable", failing.Latest.Problem);
        Assert.Null(watch.Latest.Problem);
    }

    private sealed class Unreachable : IQueueSource
    {
        public string Origin => "RabbitMQ management API";
        public Task<IReadOnlyList<QueueReading>> Read(CancellationToken ct) => throw new HttpRequestException("connection refused");
    }
}

public class OperatorDirectoryTests
{
    [Fact]
    public void Operators_are_known_by_the_salted_slow_hash_of_their_password()
    {
        var hash = OperatorPasswordHash.Create("s3cret");
        Assert.StartsWith("pbkdf2-sha256$600000$", hash);
        Assert.NotEqual(hash, OperatorPasswordHash.Create("s3cret")); // a salt of its own
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operations:Operators:night-shift:PasswordHash"] = hash,
            ["Operations:Operators:demo:Password"] = "demo",
        }).Build();
        var operators = OperatorDirectory.FromConfiguration(configuration);
        Assert.True(operators.Verify("night-shift", "s3cret"));
        Assert.True(operators.Verify("demo", "demo"));
        Assert.False(operators.Verify("night-shift", "S3cret"));
        Assert.False(operators.Verify("demo", "s3cret"));
        Assert.False(operators.Verify("nobody", "demo"));
        Assert.True(operators.Verify("night-shift", "s3cret")); // again, now remembered
        Assert.False(operators.Verify("night-shift", "s3cret "));
    }

    [Fact]
    public void An_observer_signs_in_with_the_observer_role_and_an_unknown_role_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operations:Operators:night-shift:Password"] = "a",
            ["Operations:Operators:monitor:Password"] = "b",
            ["Operations:Operators:monitor:Role"] = "Observer",
        }).Build();
        var operators = OperatorDirectory.FromConfiguration(configuration);
        Assert.Equal(OperatorAuthentication.OperatorRole, operators.RoleOf("night-shift"));
        Assert.Equal(OperatorAuthentication.ObserverRole, operators.RoleOf("monitor"));
        configuration["Operations:Operators:monitor:Role"] = "Admin";
        Assert.Contains("Operator (the default) or Observer", Assert.Throws<InvalidOperationException>(() => OperatorDirectory.FromConfiguration(configuration)).Message);
    }

    [Fact]
    public void An_unsalted_sha256_is_no_longer_a_password_hash()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operations:Operators:x:PasswordSha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("s3cret"u8)),
        }).Build();
        Assert.Contains("PasswordHash", Assert.Throws<InvalidOperationException>(() => OperatorDirectory.FromConfiguration(configuration)).Message);
    }

    [Fact]
    public void An_operator_without_a_password_is_a_configuration_error()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operations:Operators:x:Name"] = "x",
        }).Build();
        Assert.Throws<InvalidOperationException>(() => OperatorDirectory.FromConfiguration(configuration));
    }
}
