using MassTransit;
using MassTransit.Middleware;
using Mediation.BuildingBlocks.Bus;
using RabbitMQ.Client.Exceptions;

namespace Mediation.UnitTests;

/// <summary>
/// The consumers' reconnect to a restarted broker, as the bus our services build has it: after about a second at
/// first and never more than about three seconds apart (MassTransit spreads each wait by ±25 %), for as long as it takes; a refused login is not retried.
/// Fails if a MassTransit upgrade moves what <see cref="BrokerReconnect"/> changes.
/// </summary>
public class BrokerReconnectTests
{
    private sealed class Transport : BasePipeContext, PipeContext;

    private static IRetryPolicy Reconnect()
    {
        IRetryPolicy? policy = null;
        Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            Assert.True(BrokerReconnect.Quicken(cfg), "MassTransit's RabbitMQ host no longer has the field BrokerReconnect sets");
            policy = BrokerReconnect.PolicyOf(cfg);
        });
        return policy!;
    }

    [Fact]
    public void A_lost_broker_is_tried_again_after_about_a_second_then_every_three_seconds_at_most_without_end()
    {
        var policy = Reconnect();
        // As MassTransit's connection factory reports a broker it cannot reach.
        var lost = new RabbitMqConnectionException("Connect failed: connection refused");
        Assert.True(policy.CreatePolicyContext(new Transport()).CanRetry(lost, out RetryContext<Transport> retry));
        var delays = new List<TimeSpan> { retry.Delay!.Value };
        for (var attempt = 1; attempt < 200; attempt++)
        {
            Assert.True(retry.CanRetry(lost, out retry), $"gave up after {attempt} attempts");
            delays.Add(retry.Delay!.Value);
        }
        Assert.True(delays[0] <= TimeSpan.FromSeconds(1.5), $"first retry after {delays[0]}");
        Assert.True(delays.Max() <= BrokerReconnect.Longest * 1.25, $"a retry after {delays.Max()}");
    }

    [Fact]
    public void A_refused_login_is_not_retried()
    {
        Assert.False(Reconnect().IsHandled(new AuthenticationFailureException("ACCESS_REFUSED")));
    }
}
