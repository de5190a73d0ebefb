using Mediation.BuildingBlocks.Bus;
using Mediation.BuildingBlocks.Hosting;

namespace Mediation.UnitTests;

/// <summary><c>Bus:Host</c>: one broker node or a cluster's several, each with its own port or <c>Bus:Port</c>.</summary>
public class BrokerNodesTests
{
    [Fact]
    public void Without_a_host_the_bus_goes_to_the_local_broker_on_its_default_port()
    {
        var nodes = BrokerNodes.Parse(null, null);
        Assert.Equal([new BrokerNodes.Node("localhost", 5672)], nodes.All);
        Assert.False(nodes.IsCluster);
    }

    [Fact]
    public void One_host_is_one_node_on_the_port_setting()
    {
        var nodes = BrokerNodes.Parse("rabbitmq", "5710");
        Assert.Equal([new BrokerNodes.Node("rabbitmq", 5710)], nodes.All);
        Assert.False(nodes.IsCluster);
    }

    [Fact]
    public void Several_hosts_are_a_cluster_in_the_order_given_each_with_its_own_port_or_the_port_setting()
    {
        var nodes = BrokerNodes.Parse(" 127.0.0.1:5711, rabbitmq-2 ,[::1]:5713,mediation_rabbitmq_3", "5672");
        Assert.Equal([new BrokerNodes.Node("127.0.0.1", 5711), new BrokerNodes.Node("rabbitmq-2", 5672), new BrokerNodes.Node("::1", 5713),
            new BrokerNodes.Node("mediation_rabbitmq_3", 5672)], nodes.All);
        Assert.True(nodes.IsCluster);
        Assert.Equal(new BrokerNodes.Node("127.0.0.1", 5711), nodes.First);
        // As MassTransit's cluster configuration is given them.
        Assert.Equal("127.0.0.1:5711,rabbitmq-2:5672,[::1]:5713,mediation_rabbitmq_3:5672", nodes.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1:5711,,127.0.0.1:5713")]
    [InlineData("127.0.0.1:5711,")]
    [InlineData("rabbit mq")]
    [InlineData("-rabbitmq")]
    [InlineData("rabbitmq/")]
    [InlineData("rabbitmq:")]
    [InlineData("rabbitmq:0")]
    [InlineData("rabbitmq:65536")]
    [InlineData("rabbitmq:5672x")]
    [InlineData("rabbitmq:-1")]
    [InlineData("::1")]
    [InlineData("[::1")]
    [InlineData("[::1]5672")]
    [InlineData("[rabbitmq]:5672")]
    [InlineData("amqp://rabbitmq:5672")]
    [InlineData("127.0.0.1:5711,127.0.0.1:5711")]
    public void A_value_that_names_no_usable_node_stops_the_service_at_start_with_the_setting_named(string hosts)
    {
        var refusal = Assert.Throws<StartRefused>(() => BrokerNodes.Parse(hosts, null));
        Assert.StartsWith(BrokerNodes.HostKey + ":", refusal.Message);
    }

    [Theory]
    [InlineData("amqp")]
    [InlineData("0")]
    [InlineData("70000")]
    public void A_port_setting_that_is_no_port_stops_the_service_at_start_with_the_setting_named(string port)
    {
        var refusal = Assert.Throws<StartRefused>(() => BrokerNodes.Parse("rabbitmq", port));
        Assert.StartsWith(BrokerNodes.PortKey + ":", refusal.Message);
    }
}
