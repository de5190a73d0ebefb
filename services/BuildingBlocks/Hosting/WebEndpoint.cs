using Mediation.BuildingBlocks.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// What the web address (<c>Mediation:WebUrl</c>) serves and the partners' gRPC address does not: the dashboard,
/// <c>/metrics</c> and <c>/health/*</c> answer only on the web port (404 on the gRPC one, which partners reach and
/// operators' tools need not), and every answer there carries the headers a browser needs to keep the dashboard to
/// itself: no script but its own, no framing by another site, no sniffing, nothing cached.
/// </summary>
public static class WebEndpoint
{
    /// <summary>The dashboard loads its own script and stylesheet and calls its own API; nothing else, nothing inline.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void UseWebEndpoint(this WebApplication app)
    {
        var webPort = ListenAddresses.WebPort(app.Configuration);
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
            {
                await next(http);
                return;
            }
            // The API over HTTP/JSON is served on both: HTTP/2 on the gRPC port, HTTP/1.1 on the web port (ListenAddresses).
            if (webPort is { } port && http.Connection.LocalPort != port && !JsonCall.Is(http))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            await next(http);
        });
    }
}
