using Grpc.Core;
using Mediation.BuildingBlocks.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// Records the calls (gRPC or HTTP/JSON) refused before they reach a method, which <see cref="AuditInterceptor"/> never
/// sees: no or unknown credentials, a party's kind not allowed, the rate limit, a message too large or
/// undecodable. It reads the status the refusal wrote (trailers-only headers, or trailers) and records it
/// before the answer leaves; the party is known if authentication succeeded.
/// </summary>
public sealed class AuditedRefusals(RequestDelegate next, AuditTrails trails)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // A JSON call is recorded under the gRPC method its HTTP rule reaches, as the same call by gRPC would be.
        var json = !EarlyRefusal.IsGrpc(http.Request) && JsonCall.Is(http);
        var method = json ? JsonCall.Method(http) : EarlyRefusal.IsGrpc(http.Request) ? http.Request.Path.Value : null;
        if (method is null || trails.ForCall(method, null, http.RequestServices) is not { } trail)
        {
            await next(http);
            return;
        }
        await next(http);
        if (AuditedCall.IsRecorded(http) || (json ? JsonCall.RefusedWith(http) : StatusOf(http)) is not { } status)
            return;
        try
        {
            await AuditedCall.Record(http, trail, method, status, []);
        }
        catch (RpcException)
        {
            // The refusal's answer is already decided and carries no case data; the failure is logged by the log's writer.
        }
    }

    private static StatusCode? StatusOf(HttpContext http)
    {
        var text = http.Response.Headers["grpc-status"].ToString();
        if (text.Length == 0)
            text = http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString() ?? "";
        return int.TryParse(text, out var code) ? (StatusCode)code : null;
    }
}
