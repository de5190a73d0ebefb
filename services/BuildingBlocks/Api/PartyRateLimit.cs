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
/// to try again — and does nothing. gRPC calls without a known party, which are refused but still cost an
/// audit entry each, share a smaller bucket per client address (<c>RateLimits:AnonymousPerSecond</c>, default
/// 20), so a flood of them cannot fill the audit log; health and reflection, which need no party, are not limited.
/// </summary>
public static class PartyRateLimit
{
    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("RateLimits:PerPartyPerSecond", 500);
        var burst = configuration.GetValue("RateLimits:Burst", 2 * perSecond);
        var anonymousPerSecond = configuration.GetValue("RateLimits:AnonymousPerSecond", 20);
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.User.FindFirst(PartyKeyAuthentication.PartyIdClaim)?.Value is { } party
                ? RateLimitPartition.GetTokenBucketLimiter("party:" + party, _ => Bucket(perSecond, burst))
                : IsPartyCall(http)
                    ? RateLimitPartition.GetTokenBucketLimiter("address:" + http.Connection.RemoteIpAddress, _ => Bucket(anonymousPerSecond, 2 * anonymousPerSecond))
                    : RateLimitPartition.GetNoLimiter(""));
        options.OnRejected = (rejected, _) =>
        {
            var http = rejected.HttpContext;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            var limit = http.User.FindFirst(PartyKeyAuthentication.PartyIdClaim) is null
                ? $"The limit of {anonymousPerSecond} calls per second without credentials from this address"
                : $"This party's limit of {perSecond} calls per second";
            return Refuse(http, retryAfter, limit);
        };
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    // A call to one of the services' own methods, which need a party (grpc.health.*, grpc.reflection.* do not),
    // by gRPC or by HTTP/JSON.
    private static bool IsPartyCall(HttpContext http) =>
        JsonCall.Is(http)
        || (EarlyRefusal.IsGrpc(http.Request) && http.Request.Path.Value?.StartsWith("/grpc.", StringComparison.Ordinal) == false);

    private static ValueTask Refuse(HttpContext http, TimeSpan retryAfter, string limit)
    {
        var message = $"{limit} is reached; retry after {retryAfter.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms.";
        // HTTP clients and proxies know Retry-After; RetryInfo says the same to programs reading the status.
        if (JsonCall.Is(http))
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return new ValueTask(EarlyRefusal.Write(http, Grpc.Core.StatusCode.ResourceExhausted, message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
    }
}
