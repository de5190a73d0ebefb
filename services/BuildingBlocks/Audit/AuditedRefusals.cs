using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// Records the gRPC calls refused before they reach a method, which <see cref="AuditInterceptor"/> never
/// sees: no or unknown credentials, a party's kind not allowed, the rate limit, a message too large or
/// undecodable. It reads the status the refusal wrote (trailers-only headers, or trailers) and records it
/// before the answer leaves; the party is known if authentication succeeded.
/// </summary>
public sealed class AuditedRefusals(RequestDelegate next, AuditTrails trails)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true
            || trails.ForCall(http.Request.Path.Value ?? "", null, http.RequestServices) is not { } trail)
        {
            await next(http);
            return;
        }
        await next(http);
        if (AuditedCall.IsRecorded(http) || StatusOf(http) is not { } status)
            return;
        try
        {
            await AuditedCall.Record(http, trail, http.Request.Path.Value!, status, []);
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
