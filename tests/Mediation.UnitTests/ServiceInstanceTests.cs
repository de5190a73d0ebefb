using Mediation.BuildingBlocks.Monitoring;
using Mediation.Contracts;
using Mediation.Operations.Domain;

namespace Mediation.UnitTests;

public class ServiceInstanceTests
{
    private static readonly DateTime T = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    private static ServiceInstance HeardAt(DateTime at, double interval = 5)
    {
        var row = ServiceInstance.For("host:5080", "requests");
        Assert.True(row.Heard(Heartbeat(at, startedAt: T.AddMinutes(-1), interval)));
        return row;
    }

    private static InstanceHeartbeat Heartbeat(DateTime sentAt, DateTime startedAt, double interval = 5) =>
        new("host:5080", ["requests"], "1.0.0", "host", 42, startedAt, sentAt, interval, "http://127.0.0.1:5080", null);

    /// <summary>Three missed heartbeats make an instance stale, not one or two: up to the last tick of the third it is up.</summary>
    [Theory]
    [InlineData(0, InstanceState.Up)]
    [InlineData(5, InstanceState.Up)]
    [InlineData(15, InstanceState.Up)]
    [InlineData(15.001, InstanceState.Stale)]
    [InlineData(3600, InstanceState.Stale)]
    public void Up_until_three_heartbeats_are_missed_then_stale(double secondsSince, InstanceState expected) =>
        Assert.Equal(expected, HeardAt(T).StateAt(T.AddSeconds(secondsSince)));

    [Fact]
    public void The_interval_is_the_instances_own()
    {
        var row = HeardAt(T, interval: 1);
        Assert.Equal(InstanceState.Up, row.StateAt(T.AddSeconds(3)));
        Assert.Equal(InstanceState.Stale, row.StateAt(T.AddSeconds(3.5)));
    }

    [Fact]
    public void Stopped_when_it_said_so_however_long_ago_and_up_again_at_a_later_heartbeat()
    {
        var row = HeardAt(T);
        Assert.True(row.Stopped(T.AddSeconds(1)));
        Assert.Equal(InstanceState.Stopped, row.StateAt(T.AddSeconds(2)));
        Assert.Equal(InstanceState.Stopped, row.StateAt(T.AddDays(3)));

        Assert.True(row.Heard(Heartbeat(T.AddSeconds(30), startedAt: T.AddSeconds(29))));
        Assert.Null(row.StoppedAt);
        Assert.Equal(InstanceState.Up, row.StateAt(T.AddSeconds(31)));
        Assert.Equal(T.AddSeconds(29), row.StartedAt);
    }

    [Fact]
    public void A_stop_sent_with_its_last_heartbeats_millisecond_is_a_stop() =>
        Assert.Equal(InstanceState.Stopped, Apply(HeardAt(T), T).StateAt(T.AddSeconds(1)));

    private static ServiceInstance Apply(ServiceInstance row, DateTime stoppedAt)
    {
        row.Stopped(stoppedAt);
        return row;
    }

    [Fact]
    public void A_late_or_repeated_heartbeat_changes_nothing()
    {
        var row = HeardAt(T);
        Assert.False(row.Heard(Heartbeat(T, startedAt: T.AddMinutes(-1))));
        Assert.False(row.Heard(Heartbeat(T.AddSeconds(-5), startedAt: T.AddMinutes(-1))));
        Assert.Equal(T, row.LastHeartbeatAt);
    }

    [Fact]
    public void The_stop_of_an_earlier_run_arriving_late_does_not_stop_the_running_one()
    {
        var row = HeardAt(T);
        Assert.False(row.Stopped(T.AddSeconds(-3)));
        Assert.Null(row.StoppedAt);
        Assert.Equal(InstanceState.Up, row.StateAt(T.AddSeconds(1)));
    }

    /// <summary>
    /// Two runs of one instance — heartbeats, a stop, heartbeats of the next run, one repeated — in every order of
    /// arrival end in the same row as arrival in order does.
    /// </summary>
    [Fact]
    public void Every_order_of_heartbeats_and_stops_ends_in_the_same_row()
    {
        var firstRun = T.AddMinutes(-1);
        var secondRun = T.AddSeconds(20);
        object[] news =
        [
            Heartbeat(T, firstRun), Heartbeat(T.AddSeconds(5), firstRun), T.AddSeconds(7),
            Heartbeat(T.AddSeconds(21), secondRun), Heartbeat(T.AddSeconds(26), secondRun), Heartbeat(T.AddSeconds(26), secondRun),
        ];
        var inOrder = View(Arrive(news));
        Assert.Equal((T.AddSeconds(26), (DateTime?)null, secondRun), inOrder);
        var orders = 0;
        foreach (var order in Permutations(news))
        {
            Assert.Equal(inOrder, View(Arrive(order)));
            orders++;
        }
        Assert.Equal(720, orders);

        // And a run that ends with its stop stays stopped whatever came before, even when the stop came first.
        object[] stopping = [Heartbeat(T, firstRun), Heartbeat(T.AddSeconds(5), firstRun), T.AddSeconds(6)];
        foreach (var order in Permutations(stopping))
            Assert.Equal((T.AddSeconds(5), (DateTime?)T.AddSeconds(6), firstRun), View(Arrive(order)));
    }

    private static ServiceInstance Arrive(IEnumerable<object> news)
    {
        var row = ServiceInstance.For("host:5080", "requests");
        foreach (var item in news)
            _ = item is InstanceHeartbeat h ? row.Heard(h) : row.Stopped((DateTime)item);
        return row;
    }

    private static (DateTime, DateTime?, DateTime) View(ServiceInstance row) => (row.LastHeartbeatAt, row.StoppedAt, row.StartedAt);

    private static IEnumerable<IReadOnlyList<object>> Permutations(IReadOnlyList<object> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }

    [Fact]
    public void A_stop_heard_before_any_heartbeat_leaves_a_stopped_row_the_heartbeats_fill_in()
    {
        var row = ServiceInstance.For("host:5080", "requests");
        Assert.True(row.Stopped(T.AddSeconds(6)));
        Assert.Equal(InstanceState.Stopped, row.StateAt(T.AddSeconds(7)));
        Assert.True(row.Heard(Heartbeat(T.AddSeconds(5), T)));
        Assert.Equal(("1.0.0", InstanceState.Stopped), (row.Version, row.StateAt(T.AddSeconds(7))));
    }
}

public class InstanceAddressesTests
{
    private static readonly string[] Listening = ["http://127.0.0.1:5080", "http://127.0.0.1:5090"];

    [Fact]
    public void Host_and_grpc_port_unless_named() =>
        Assert.Equal(new InstanceAddresses("box:5080", "http://127.0.0.1:5080", "http://127.0.0.1:5090"),
            InstanceAddresses.Of(null, "box", Listening, webPort: 5090));

    [Fact]
    public void The_web_address_may_come_first() =>
        Assert.Equal(new InstanceAddresses("box:5080", "http://127.0.0.1:5080", "http://127.0.0.1:5090"),
            InstanceAddresses.Of("", "box", Listening.Reverse(), webPort: 5090));

    [Fact]
    public void A_name_given_is_the_id() =>
        Assert.Equal("verification-a", InstanceAddresses.Of("verification-a", "box", Listening, webPort: 5090).InstanceId);

    [Fact]
    public void Without_a_web_port_one_address_serves_all() =>
        Assert.Equal(new InstanceAddresses("box:5080", "http://127.0.0.1:5080", null),
            InstanceAddresses.Of(null, "box", ["http://127.0.0.1:5080"], webPort: null));
}
