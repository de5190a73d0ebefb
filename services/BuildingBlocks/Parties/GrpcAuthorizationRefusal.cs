using Mediation.BuildingBlocks.Api;
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

        if (result.Challenged)
            TrailersOnlyRefusal.Write(context.Response, Grpc.Core.StatusCode.Unauthenticated, "A known party's API key is required: 'authorization: Bearer <api key>'.");
        else
            TrailersOnlyRefusal.Write(context.Response, Grpc.Core.StatusCode.PermissionDenied, "This party may not call this method.");
        return Task.CompletedTask;
    }
}
