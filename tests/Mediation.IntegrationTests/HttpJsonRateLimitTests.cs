using System.Net;

namespace Mediation.IntegrationTests;

/// <summary>Past its limit, a party calling over HTTP/JSON is told when to retry, as in RetryInfo and in Retry-After.</summary>
public sealed class HttpJsonRateLimitTests(RateLimitTests.LimitedHost host) : IClassFixture<RateLimitTests.LimitedHost>
{
    [Fact]
    public async Task A_party_past_its_limit_gets_429_with_retry_info_and_retry_after()
    {
        var requester = new JsonParty(host.WebAddress, host.Keys.KeyOf("requester-1"));
        // Twenty calls at once against a bucket of 3 that refills by 1 a second.
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => requester.Get("/v1/cases")));
        var refused = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));

        var refusal = refused[0];
        Assert.Equal(8, refusal.Code);
        var delay = (string)refusal.Detail("google.rpc.RetryInfo")["retryDelay"]!;
        Assert.Matches(@"^\d+(\.\d+)?s$", delay);
        Assert.InRange(double.Parse(delay.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture), 0.001, 2);
        Assert.NotNull(refusal.Headers.RetryAfter?.Delta);
    }
}
