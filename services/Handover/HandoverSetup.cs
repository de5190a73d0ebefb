using Mediation.BuildingBlocks.Audit;
using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Handover.Api;
using Mediation.Handover.Consumers;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Mediation.Handover.Persistence.Postgres;
using Mediation.Handover.Persistence.Sqlite;
using Proto = Mediation.Api.Handover.V1;

namespace Mediation.Handover;

public static class HandoverSetup
{
    /// <summary>Where it answers operations which faulted messages its consumers have already applied.</summary>
    public const string InboxCheckEndpoint = "handover-inbox-checks";

    /// <summary>Its database (<c>handover</c>), its follow-up policy, its health, its consumers on the process's bus.</summary>
    public static IHostApplicationBuilder AddHandover(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<HandoverDb, SqliteHandoverDb, PostgresHandoverDb>("handover");
        builder.AddAuditTrail<HandoverDb>("handover", Proto.HandoverService.Descriptor.FullName);
        var days = builder.Configuration.GetSection("Handover:FollowUpDays").Get<int[]>() ?? [30, 90];
        builder.Services.AddSingleton(new FollowUpPolicy(days));
        builder.Services.AddSingleton<OverdueFollowUps>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OverdueFollowUps>());
        builder.AddServiceHealth(Proto.HandoverService.Descriptor.FullName, "handover");
        builder.ContributeToBus(x =>
        {
            x.AddConsumer<CaseVerifiedConsumer>().Endpoint(e => e.Name = CaseVerifiedConsumer.Endpoint);
            x.AddConsumer<CaseWithdrawnConsumer>().Endpoint(e => e.Name = CaseWithdrawnConsumer.Endpoint);
            x.AddConsumer<ShareConsentWithdrawnConsumer>().Endpoint(e => e.Name = ShareConsentWithdrawnConsumer.Endpoint);
        });
        builder.AddInboxCheck<HandoverDb>(InboxCheckEndpoint,
            CaseVerifiedConsumer.Endpoint, CaseWithdrawnConsumer.Endpoint, ShareConsentWithdrawnConsumer.Endpoint);
        return builder;
    }

    public static IEndpointRouteBuilder MapHandover(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<HandoverApi>().RequireAuthorization();
        return app;
    }
}
