using Google.Rpc;
using Grpc.Core;

namespace Mediation.IntegrationTests;

/// <summary>Each party has its own bucket of calls: one partner's burst is refused with a hint, the others are served.</summary>
public class RateLimitTests(RateLimitTests.LimitedHost host) : IClassFixture<RateLimitTests.LimitedHost>
{
    public sealed class LimitedHost : EmbeddedHost
    {
        protected override string[] Settings() => ["--RateLimits:PerPartyPerSecond", "1", "--RateLimits:Burst", "3", "--RateLimits:AnonymousPerSecond", "2"];
    }

    [Fact]
    public async Task Calls_without_credentials_share_a_small_bucket_per_address_and_health_is_not_limited()
    {
        var anonymous = new Mediation.Api.Requests.V1.RequestsService.RequestsServiceClient(host.Channel());
        // Thirty calls at once against a bucket of 4 (twice the 2 a second): the rest are refused before they are read or recorded.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            try
            {
                await anonymous.ListCasesAsync(new());
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));
        Assert.DoesNotContain(StatusCode.OK, statuses);
        Assert.InRange(statuses.Count(s => s == StatusCode.Unauthenticated), 4, 4 + 2 * (int)Math.Ceiling(clock.Elapsed.TotalSeconds));
        Assert.Contains(StatusCode.ResourceExhausted, statuses);

        var health = new Grpc.Health.V1.Health.HealthClient(host.Channel());
        for (var i = 0; i < 10; i++)
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new())).Status);
    }

    [Fact]
    public async Task A_party_past_its_limit_is_told_when_to_retry_and_another_party_is_still_served()
    {
        var requester = host.Party("requester-1");
        // Twenty calls at once against a bucket of 3 that refills by 1 a second.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await requester.Requests.ListCasesAsync(new(), requester.Headers);
                return null;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return e;
            }
        }));
        var refusals = outcomes.OfType<RpcException>().ToList();
        // At most the burst and what refilled while the calls ran (a loaded machine runs them slowly).
        Assert.InRange(outcomes.Length - refusals.Count, 3, 3 + (int)Math.Ceiling(clock.Elapsed.TotalSeconds));
        Assert.NotEmpty(refusals);
        var retry = refusals[0].GetRpcStatus()!.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        Assert.Contains("retry after", refusals[0].Status.Detail);

        var holder = host.Party("holder-1");
        await holder.Requests.ListCasesAsync(new(), holder.Headers);

        // As the hint says: after the delay the party is served again. The bucket refills on a timer, which a
        // loaded machine may run late, so a client that keeps following the hints is served within a few.
        for (var attempt = 1; ; attempt++)
        {
            await Task.Delay(retry.RetryDelay.ToTimeSpan());
            try
            {
                await requester.Requests.ListCasesAsync(new(), requester.Headers);
                break;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && attempt < 3)
            {
                retry = e.GetRpcStatus()!.GetDetail<RetryInfo>();
            }
        }
    }
}
