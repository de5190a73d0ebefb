using Mediation.BuildingBlocks.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Mediation.BuildingBlocks.Parties;

/// <summary>
/// Answers a refused gRPC call with a real gRPC status (a trailers-only response) instead of a bare
/// HTTP 401/403, so every client — in any language — sees UNAUTHENTICATED or PERMISSION_DENIED with a
/// message saying what to send; an HTTP/JSON call gets the same as a <c>google.rpc.Status</c> body.
/// </summary>
public sealed class GrpcAuthorizationRefusal : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || !EarlyRefusal.IsMethodCall(context))
            return _default.HandleAsync(next, context, policy, result);

        return result.Challenged
            ? EarlyRefusal.Write(context, Grpc.Core.StatusCode.Unauthenticated, "A known party's API key is required: 'authorization: Bearer <api key>'.")
            : EarlyRefusal.Write(context, Grpc.Core.StatusCode.PermissionDenied, "This party may not call this method.");
    }
}
