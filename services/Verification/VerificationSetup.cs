using Mediation.BuildingBlocks.Audit;
using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Verification.Api;
using Mediation.Verification.Consumers;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Mediation.Verification.Persistence.Postgres;
using Mediation.Verification.Persistence.Sqlite;
using Proto = Mediation.Api.Verification.V1;

namespace Mediation.Verification;

public static class VerificationSetup
{
    /// <summary>Where it answers operations which faulted messages its consumers have already applied.</summary>
    public const string InboxCheckEndpoint = "verification-inbox-checks";

    /// <summary>Its database (<c>verification</c>), its checklist rules, its health, its consumers on the process's bus.</summary>
    public static IHostApplicationBuilder AddVerification(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<VerificationDb, SqliteVerificationDb, PostgresVerificationDb>("verification");
        builder.AddAuditTrail<VerificationDb>("verification", Proto.VerificationService.Descriptor.FullName);
        builder.Services.AddSingleton(new ChecklistRules(builder.Configuration.GetValue("Verification:ChildViewsFromAge", 12)));
        builder.Services.AddSingleton(new VerificationDeadlines(
            TimeSpan.FromDays(builder.Configuration.GetValue("Verification:CheckDays", VerificationDeadlines.Default.Check.TotalDays)),
            TimeSpan.FromDays(builder.Configuration.GetValue("Verification:InformationDays", VerificationDeadlines.Default.Information.TotalDays))));
        builder.Services.AddSingleton<OverdueChecks>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OverdueChecks>());
        builder.AddServiceHealth(Proto.VerificationService.Descriptor.FullName, "verification");
        builder.ContributeToBus(x =>
        {
            x.AddConsumer<CaseLocatedConsumer>().Endpoint(e => e.Name = CaseLocatedConsumer.Endpoint);
            x.AddConsumer<CaseWithdrawnConsumer>().Endpoint(e => e.Name = CaseWithdrawnConsumer.Endpoint);
            x.AddConsumer<ShareConsentWithdrawnConsumer>().Endpoint(e => e.Name = ShareConsentWithdrawnConsumer.Endpoint);
        });
        builder.AddInboxCheck<VerificationDb>(InboxCheckEndpoint,
            CaseLocatedConsumer.Endpoint, CaseWithdrawnConsumer.Endpoint, ShareConsentWithdrawnConsumer.Endpoint);
        return builder;
    }

    public static IEndpointRouteBuilder MapVerification(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<VerificationApi>().RequireAuthorization();
        return app;
    }
}
