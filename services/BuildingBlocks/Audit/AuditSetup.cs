using Mediation.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Audit;

public static class AuditSetup
{
    /// <summary>
    /// Keeps the audit log of <paramref name="service"/> in its database <typeparamref name="TDb"/>, for the calls
    /// to <paramref name="grpcServices"/>. Needs <c>Audit:ChainKey</c> (refuses to start without it).
    /// </summary>
    public static void AddAuditTrail<TDb>(this IHostApplicationBuilder builder, string service, params string[] grpcServices) where TDb : ServiceDbContext
    {
        var key = AuditChainKey.FromConfiguration(builder.Configuration);
        var trails = builder.Services.Select(d => d.ImplementationInstance).OfType<AuditTrails>().FirstOrDefault()
            ?? throw new InvalidOperationException("AddMediationPlatform comes before a service's audit log.");
        foreach (var grpcService in grpcServices)
            trails.Add(service, grpcService, typeof(AuditTrail<TDb>));
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AuditTrail<TDb>>(sp, service, key));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditTrail<TDb>>());
    }

    /// <summary>Before authentication, so that calls refused there are recorded too.</summary>
    public static void UseAuditedCalls(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AuditTrails>().Any)
            app.UseMiddleware<AuditedRefusals>();
    }

    /// <summary>The mediator's API to the logs, in a process that keeps at least one.</summary>
    public static void MapAuditLog(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AuditTrails>().Any)
            app.MapGrpcService<AuditLogApi>().RequireAuthorization();
    }
}
