using Mediation.BuildingBlocks.Bus;

namespace Mediation.UnitTests;

public class RedeliveryScheduleTests
{
    [Fact]
    public void By_default_a_failing_message_is_delivered_again_over_two_and_a_half_hours()
    {
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)],
            RedeliverySchedule.Default.Delays);
    }

    [Theory]
    [InlineData("500ms, 2s,1m ,1h", new[] { 500d, 2_000, 60_000, 3_600_000 })]
    [InlineData("none", new double[0])]
    [InlineData("1.5s", new[] { 1_500d })]
    public void A_deployment_sets_its_own_schedule(string setting, double[] milliseconds) =>
        Assert.Equal(milliseconds.Select(TimeSpan.FromMilliseconds), RedeliverySchedule.Parse(setting).Delays);

    [Theory]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-5s")]
    [InlineData("0s")]
    [InlineData("soon")]
    public void A_delay_that_is_not_one_stops_the_service_at_start_with_the_setting_named(string setting)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => RedeliverySchedule.Parse(setting));
        Assert.Contains(RedeliverySchedule.Key, refusal.Message);
    }

    [Fact]
    public void Each_delay_has_its_own_broker_queue_named_after_it()
    {
        Assert.Equal("mediation.redelivery.10s", new DelayLine(TimeSpan.FromSeconds(10)).Name);
        Assert.Equal("mediation.redelivery.7200s", new DelayLine(TimeSpan.FromHours(2)).Name);
        Assert.Equal("mediation.redelivery.500ms", new DelayLine(TimeSpan.FromMilliseconds(500)).Name);
        Assert.Equal("mediation.redelivery.1500ms", new DelayLine(TimeSpan.FromMilliseconds(1500)).Name);
    }
}
