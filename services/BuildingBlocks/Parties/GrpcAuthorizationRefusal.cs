using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Mediation.BuildingBlocks.Parties;

/// <summary>
/// Answers a refused gRPC call with a real gRPC status (a trailers-only response) instead of a bare
/// HTTP 401/403, so every client — in any language — sees UNAUTHENTICATED or PERMISSION_DENIED with a
/// message saying what to send.
/// </summary>
public sealed class GrpcAuthorizationRefusal : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
            return _default.HandleAsync(next, context, policy, result);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        if (result.Challenged)
        {
            context.Response.Headers["grpc-status"] = "16";
            context.Response.Headers["grpc-message"] = "A known party's API key is required: 'authorization: Bearer <api key>'.";
        }
        else
        {
            context.Response.Headers["grpc-status"] = "7";
            context.Response.Headers["grpc-message"] = "This party may not call this method.";
        }
        return Task.CompletedTask;
    }
}
