using System.Net;
using Mediation.Operations.Queues;
using Microsoft.Extensions.Configuration;

namespace Mediation.UnitTests;

/// <summary>The dashboard's queue view on a cluster: any node's management API will do, so a lost node is passed over.</summary>
public class RabbitMqQueuesTests
{
    /// <summary>Answers as a node's management API would, but refuses the connection for the hosts given (a lost node).</summary>
    private sealed class Nodes(params string[] lost) : HttpMessageHandler
    {
        public List<string> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authority = request.RequestUri!.Authority;
            Asked.Add(authority);
            if (lost.Contains(authority))
                throw new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""[{"name":"requests-case-events","messages_ready":3,"messages_unacknowledged":1,"consumers":2,"node":"{{authority}}"}]"""),
            });
        }
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public async Task A_lost_node_is_passed_over_and_the_node_that_answered_is_asked_first_next_time()
    {
        var nodes = new Nodes("127.0.0.1:15711");
        var queues = new RabbitMqQueues(new HttpClient(nodes),
            Settings((RabbitMqQueues.Key, "http://127.0.0.1:15711, http://127.0.0.1:15712/,http://127.0.0.1:15713")));

        var read = await queues.Read(CancellationToken.None);
        Assert.Equal("requests-case-events", Assert.Single(read).Name);
        Assert.Equal(["127.0.0.1:15711", "127.0.0.1:15712"], nodes.Asked);

        nodes.Asked.Clear();
        await queues.Read(CancellationToken.None);
        Assert.Equal(["127.0.0.1:15712"], nodes.Asked);
    }

    [Fact]
    public async Task When_every_node_is_lost_the_read_fails()
    {
        var nodes = new Nodes("127.0.0.1:15711", "127.0.0.1:15712");
        var queues = new RabbitMqQueues(new HttpClient(nodes), Settings((RabbitMqQueues.Key, "http://127.0.0.1:15711,http://127.0.0.1:15712")));
        await Assert.ThrowsAsync<HttpRequestException>(() => queues.Read(CancellationToken.None));
        Assert.Equal(["127.0.0.1:15711", "127.0.0.1:15712"], nodes.Asked);
    }

    [Fact]
    public void Without_a_setting_each_broker_node_s_host_is_asked_on_the_management_port()
    {
        Assert.Equal(["http://rabbitmq:15672", "http://rabbitmq-2:15672", "http://rabbitmq-3:15672"],
            RabbitMqQueues.Urls(Settings(("Bus:Host", "rabbitmq,rabbitmq-2,rabbitmq-3:5673"))));
        Assert.Equal(["http://localhost:15672"], RabbitMqQueues.Urls(Settings()));
    }
}
