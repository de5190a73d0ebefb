using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// A call refused before it reaches its method (authentication, authorization, rate limit), answered in the
/// caller's own protocol: a gRPC trailers-only status, or for an HTTP/JSON call its HTTP status and a
/// <c>google.rpc.Status</c> body. Either carries the same code, message and detail.
/// </summary>
public static class EarlyRefusal
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    /// <summary>A call to a service method, by gRPC or by HTTP/JSON; false for anything else (the dashboard, probes).</summary>
    public static bool IsMethodCall(HttpContext http) => IsGrpc(http.Request) || JsonCall.Is(http);

    public static Task Write(HttpContext http, StatusCode code, string message, IMessage? detail = null)
    {
        Monitoring.CallTally.Refused(http, code);
        if (JsonCall.Is(http) && !IsGrpc(http.Request))
            return JsonCall.Refuse(http, code, message, detail);
        TrailersOnlyRefusal.Write(http.Response, code, message, detail);
        return Task.CompletedTask;
    }
}
