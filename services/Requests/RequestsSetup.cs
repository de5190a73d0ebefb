using Mediation.BuildingBlocks.Audit;
using Mediation.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Requests.Api;
using Mediation.Requests.Consumers;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Mediation.Requests.Persistence.Postgres;
using Mediation.Requests.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Proto = Mediation.Api.Requests.V1;

namespace Mediation.Requests;

public static class RequestsSetup
{
    /// <summary>Where it answers operations which faulted messages its consumer has already applied.</summary>
    public const string InboxCheckEndpoint = "requests-inbox-checks";

    /// <summary>Its database (<c>requests</c>), its health, its consumers on the process's bus.</summary>
    public static IHostApplicationBuilder AddRequests(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<RequestsDb, SqliteRequestsDb, PostgresRequestsDb>("requests");
        builder.AddAuditTrail<RequestsDb>("requests", Proto.RequestsService.Descriptor.FullName, Mediation.Api.Reports.V1.ReportsService.Descriptor.FullName);
        var handover = builder.Configuration["Peers:Handover"];
        var deadline = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("Peers:Deadline", 2000));
        builder.Services.AddSingleton(sp => new HandoverPeer(handover, deadline, sp.GetRequiredService<IServer>()));
        builder.Services.AddSingleton(new HoldingAnswerDeadline(TimeSpan.FromDays(
            builder.Configuration.GetValue("Requests:HoldingAnswerDays", HoldingAnswerDeadline.Default.Within.TotalDays))));
        builder.Services.AddSingleton(new IntakeLimits(
            Positive(builder.Configuration, "Requests:MatchCandidatesPerCase", IntakeLimits.Default.CandidatesPerCase),
            Positive(builder.Configuration, "Requests:OpenCasesPerParty", IntakeLimits.Default.OpenCasesPerParty)));
        // The live event streams: a bound per party, and woken by commits instead of polling (docs/security.md).
        var streams = builder.Configuration.GetValue("Requests:MaxStreamsPerParty", EventStreamSlots.DefaultPerParty);
        if (streams < 1)
            throw new InvalidOperationException($"Requests:MaxStreamsPerParty must be 1 or more, not {streams}.");
        builder.Services.AddSingleton(new EventStreamSlots(streams));
        builder.Services.AddSingleton<TimelineCommits>();
        builder.Services.AddKeyedSingleton<IInterceptor>(typeof(RequestsDb), (sp, _) => new TimelineCommitSignal(sp.GetRequiredService<TimelineCommits>()));
        builder.Services.AddHostedService<TimelineCommitListener>();
        builder.Services.AddSingleton<OverdueAnswers>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OverdueAnswers>());
        builder.AddServiceHealth(Proto.RequestsService.Descriptor.FullName, "requests");
        builder.ContributeToBus(x => x.AddConsumer<CaseEventsConsumer>().Endpoint(e => e.Name = CaseEventsConsumer.Endpoint));
        builder.AddInboxCheck<RequestsDb>(InboxCheckEndpoint, CaseEventsConsumer.Endpoint);
        return builder;
    }

    // A limit of 0 or less would refuse every submission (or keep no candidate): a typing slip, refused at start.
    private static int Positive(IConfiguration configuration, string key, int fallback) =>
        configuration.GetValue(key, fallback) is var value and > 0
            ? value
            : throw new InvalidOperationException($"{key} must be a whole number above 0.");

    public static IEndpointRouteBuilder MapRequests(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<RequestsApi>().RequireAuthorization();
        app.MapGrpcService<ReportsApi>().RequireAuthorization();
        return app;
    }
}
