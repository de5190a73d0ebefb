using System.Globalization;
using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Mediation.BuildingBlocks.Parties;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// Each party's calls are limited by a token bucket of its own (<c>RateLimits:PerPartyPerSecond</c>,
/// default 500; <c>RateLimits:Burst</c>, default 1000), so one partner's retry storm cannot starve the
/// others. Past it a call is answered RESOURCE_EXHAUSTED with a <c>google.rpc.RetryInfo</c> saying when
/// to try again — and does nothing. Calls without a party (health, reflection) are not limited here.
/// </summary>
public static class PartyRateLimit
{
    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("RateLimits:PerPartyPerSecond", 500);
        var burst = configuration.GetValue("RateLimits:Burst", 2 * perSecond);
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.User.FindFirst(PartyKeyAuthentication.PartyIdClaim)?.Value is { } party
                ? RateLimitPartition.GetTokenBucketLimiter(party, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
        options.OnRejected = (rejected, _) => Refuse(rejected.HttpContext,
            rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1), perSecond);
    }

    private static ValueTask Refuse(HttpContext http, TimeSpan retryAfter, int perSecond)
    {
        var message = $"This party's limit of {perSecond} calls per second is reached; retry after {retryAfter.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms.";
        TrailersOnlyRefusal.Write(http.Response, Grpc.Core.StatusCode.ResourceExhausted, message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) });
        return ValueTask.CompletedTask;
    }
}
