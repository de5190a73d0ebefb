using Grpc.Core;
using Mediation.Client;
using Mediation.IntegrationTests;
using Submissions = Mediation.IntegrationTests.Requests;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.ClientTests;

/// <summary>A party past its rate limit is told when to come back; the library waits that long and calls again.</summary>
public class RateLimitRetryTests(RateLimitRetryTests.LimitedHost host) : IClassFixture<RateLimitRetryTests.LimitedHost>
{
    public sealed class LimitedHost : EmbeddedHost
    {
        protected override string[] Settings() => ["--RateLimits:PerPartyPerSecond", "1", "--RateLimits:Burst", "1"];
    }

    [Fact]
    public async Task A_submission_refused_for_the_rate_limit_goes_through_once_after_the_delay_the_service_asked()
    {
        var at = ServiceAddresses.Embedded(host.Address);
        var impatient = host.Keys.Requesting(at, "requester-1", "officer-r1", RetryPolicy.None);
        // Spend the party's bucket: the refusal that follows says when to try again.
        MediationRefusal? refused = null;
        while (refused is null)
        {
            try
            {
                await impatient.ListCasesAsync(new());
            }
            catch (MediationRefusal e)
            {
                refused = e;
            }
        }
        Assert.Equal(StatusCode.ResourceExhausted, refused.Code);
        Assert.NotNull(refused.RetryDelay);
        Assert.InRange(refused.RetryDelay.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));

        // The bucket is empty, so the first attempt is refused too; the library waits as told and sends the same request.
        var patient = host.Keys.Requesting(at, "requester-1", "officer-r1");
        var submitted = await patient.SubmitRequestAsync(Submissions.OneChild(requestId: ""));

        var name = Assert.Single(submitted.Cases).Name;
        var cases = await patient.ListAllCases(new RequestsApi.ListCasesRequest { PageSize = 500 }).ToListAsync();
        Assert.Single(cases, c => c.Name == name);
        Assert.Single(cases);
    }
}
