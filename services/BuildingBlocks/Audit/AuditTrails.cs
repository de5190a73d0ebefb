using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// Which service's audit log a call belongs to, by its gRPC service (<c>mediation.requests.v1.RequestsService</c>
/// → the requests log). Filled by each service's setup; one process may host several (the embedded host).
/// Calls to the audit log's own API go to the log they ask about (their <c>service</c> field).
/// </summary>
public sealed class AuditTrails
{
    private sealed record Route(string Service, string GrpcService, Type Trail);

    private readonly List<Route> _routes = [];

    public bool Any => _routes.Count > 0;

    /// <summary>
    /// The services whose logs this process keeps, each once, in the order they were added (one log may take the
    /// calls of several gRPC services: requests keeps its reports' calls).
    /// </summary>
    public IReadOnlyList<string> Services => _routes.Select(r => r.Service).Distinct().ToList();

    internal void Add(string service, string grpcService, Type trail) => _routes.Add(new Route(service, grpcService, trail));

    /// <summary>The log of <paramref name="service"/>, or null if this process keeps none by that name.</summary>
    public IAuditTrail? Named(string service, IServiceProvider services) => Resolve(_routes.Find(r => r.Service == service), services);

    /// <summary>
    /// The log a call to <paramref name="method"/> (<c>/package.Service/Method</c>) is recorded in; null for
    /// calls that are not audited (health, reflection). A call to the audit log's API naming no log this
    /// process keeps (a refusal) is recorded in the first.
    /// </summary>
    public IAuditTrail? ForCall(string method, IMessage? request, IServiceProvider services)
    {
        var grpcService = method.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var name, ..] ? name : "";
        if (grpcService == Mediation.Api.Audit.V1.AuditLogService.Descriptor.FullName && Any)
        {
            var asked = request?.Descriptor.FindFieldByName("service")?.Accessor.GetValue(request) as string;
            return (string.IsNullOrEmpty(asked) ? null : Named(asked, services)) ?? Named(_routes[0].Service, services);
        }
        return Resolve(_routes.Find(r => r.GrpcService == grpcService), services);
    }

    private static IAuditTrail? Resolve(Route? route, IServiceProvider services) =>
        route is null ? null : (IAuditTrail)services.GetRequiredService(route.Trail);
}
