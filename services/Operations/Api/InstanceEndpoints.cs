using Mediation.BuildingBlocks.Operators;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Api;

/// <summary>
/// The instances view's API: every (instance, service) heard of, with its state now (up, stale, stopped), and an
/// operator's action to forget an instance that was taken out of service. Ids, addresses, versions and times only.
/// </summary>
public static class InstanceEndpoints
{
    public sealed record InstanceRow(
        string Service, string InstanceId, string Host, int Pid, string Version, string? GrpcAddress, string? WebAddress,
        DateTime? StartedAt, double? UptimeSeconds, DateTime? LastHeartbeatAt, double? HeartbeatAgeSeconds, double IntervalSeconds,
        DateTime? StoppedAt, string State);

    public sealed record InstancesView(DateTime At, int Stale, IReadOnlyList<InstanceRow> Instances);

    public static void MapInstances(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/operations/api/instances").RequireAuthorization(OperatorAuthentication.Policy);
        api.MapGet("", async (OperationsDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = await db.Set<ServiceInstance>().AsNoTracking().ToListAsync(ct);
            var view = rows.OrderBy(r => Pipeline(r.Service)).ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.InstanceId, StringComparer.Ordinal)
                .Select(r => Row(r, now)).ToList();
            return Results.Json(new InstancesView(now, view.Count(r => r.State == nameof(InstanceState.Stale)), view));
        });

        api.MapPost("/{instanceId}/forget", async (string instanceId, HttpContext http, OperationsDb db, TimeProvider clock,
            ILoggerFactory logs, CancellationToken ct) =>
        {
            if (DashboardEndpoints.RequireActionHeader(http) is { } refused)
                return refused;
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = await db.Set<ServiceInstance>().Where(i => i.InstanceId == instanceId).ToListAsync(ct);
            if (rows.Count == 0)
                return Results.Problem("No such instance.", statusCode: 404);
            if (rows.Any(r => r.StateAt(now) == InstanceState.Up))
                return Results.Problem("This instance is up: it would be back at its next heartbeat. Stop it first.", statusCode: 409);
            db.RemoveRange(rows);
            await db.SaveChangesAsync(ct);
            // Not an OperatorAction: that audit is of faults (what was retried or discarded, and why).
            logs.CreateLogger("Mediation.Operations.Instances").LogInformation("Operator {Operator} forgot instance {InstanceId} ({Services})",
                DashboardEndpoints.Operator(http), instanceId, string.Join(", ", rows.Select(r => r.Service)));
            return Results.NoContent();
        });
    }

    /// <summary>The services in the order a case passes through them, operations last; any other after them.</summary>
    private static int Pipeline(string service) =>
        Array.IndexOf(["requests", "verification", "handover", "operations"], service) is var i and >= 0 ? i : int.MaxValue;

    private static InstanceRow Row(ServiceInstance i, DateTime now)
    {
        var state = i.StateAt(now);
        var heard = i.LastHeartbeatAt != ServiceInstance.NeverHeard;
        return new InstanceRow(i.Service, i.InstanceId, i.HostName, i.ProcessId, i.Version, i.GrpcAddress, i.WebAddress,
            heard ? i.StartedAt : null,
            // Known only while it is up: a silent instance may have died any time since its last heartbeat.
            state == InstanceState.Up ? Math.Max(0, (now - i.StartedAt).TotalSeconds) : null,
            heard ? i.LastHeartbeatAt : null,
            heard ? Math.Max(0, (now - i.LastHeartbeatAt).TotalSeconds) : null,
            i.IntervalSeconds, i.StoppedAt, state.ToString());
    }
}
