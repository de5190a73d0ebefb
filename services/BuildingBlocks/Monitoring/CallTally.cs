using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Mediation.BuildingBlocks.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>
/// Counts every call a service answers, by its gRPC service and final status, into the <see cref="ActivityWindow"/>:
/// outermost of the interceptors, so it sees the status a refusal became; calls over HTTP/JSON pass here too.
/// Calls refused before their method (authentication, rate limit) are counted by <see cref="Refused"/>. gRPC's own
/// services (health, reflection) are left out: a health watch ends CANCELLED by design and would read as errors.
/// </summary>
public sealed class CallTally(ActivityWindow window) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (IsInfrastructure(context.Method))
            return await continuation(request, context);
        try
        {
            var response = await continuation(request, context);
            window.Answered(ServiceOf(context.Method), StatusCode.OK);
            return response;
        }
        catch (Exception e)
        {
            window.Answered(ServiceOf(context.Method), CallStatus.Of(e));
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (IsInfrastructure(context.Method))
        {
            await continuation(request, responseStream, context);
            return;
        }
        try
        {
            await continuation(request, responseStream, context);
            window.Answered(ServiceOf(context.Method), StatusCode.OK);
        }
        catch (Exception e)
        {
            window.Answered(ServiceOf(context.Method), CallStatus.Of(e));
            throw;
        }
    }

    /// <summary>A call refused before it reached its method; counted when routing had found which method it was for.</summary>
    public static void Refused(HttpContext http, StatusCode status)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } method
            && http.RequestServices.GetService<ActivityWindow>() is { } window)
            window.Answered(method.Method.ServiceName, status);
    }

    private static bool IsInfrastructure(string method) => method.StartsWith("/grpc.", StringComparison.Ordinal);

    /// <summary><c>/mediation.requests.v1.Requests/SubmitCase</c> → <c>mediation.requests.v1.Requests</c>, without allocating more than the name.</summary>
    private static string ServiceOf(string method)
    {
        var slash = method.IndexOf('/', 1);
        return slash > 1 ? ServiceNames.Of(method, slash) : method;
    }

    private static class ServiceNames
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ByMethod = new(StringComparer.Ordinal);

        public static string Of(string method, int slash) =>
            ByMethod.TryGetValue(method, out var name) ? name : ByMethod.GetOrAdd(method, m => m[1..slash]);
    }
}
