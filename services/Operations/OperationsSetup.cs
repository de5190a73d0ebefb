using MassTransit;
using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;

using Mediation.Operations.Alerts;
using Mediation.Operations.Api;
using Mediation.Operations.Consumers;
using Mediation.Operations.Flow;
using Mediation.Operations.Persistence;
using Mediation.Operations.Persistence.Postgres;
using Mediation.Operations.Persistence.Sqlite;
using Mediation.Operations.Queues;
using Mediation.Operations.Reports;
using Mediation.Operations.Series;
using Microsoft.AspNetCore.Hosting.Server;
using Mediation.Operations.Telemetry;

namespace Mediation.Operations;

public static class OperationsSetup
{
    /// <summary>The name its gRPC health is reported under (it serves no gRPC API of its own).</summary>
    public const string HealthName = "mediation.operations";

    /// <summary>
    /// Its database (<c>operations</c>), its view of every case and its fault inbox on the process's bus,
    /// the queue watch, and its gauges for Prometheus.
    /// </summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OperationsDb, SqliteOperationsDb, PostgresOperationsDb>("operations");

        // Queue figures: the broker's own on RabbitMQ, the process's counters on the in-memory bus.
        builder.Services.AddSingleton<InMemoryQueueCounters>();
        builder.Services.AddReceiveObserver(sp => sp.GetRequiredService<InMemoryQueueCounters>());
        builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<InMemoryQueueCounters>());
        builder.Services.AddPublishObserver(sp => sp.GetRequiredService<InMemoryQueueCounters>());
        builder.Services.AddSendObserver(sp => sp.GetRequiredService<InMemoryQueueCounters>());
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<InMemoryQueueCounters>());
        builder.Services.AddHttpClient<RabbitMqQueues>();
        builder.Services.AddSingleton<IQueueSource>(sp => sp.GetRequiredService<IBus>().Address.Scheme == "loopback"
            ? sp.GetRequiredService<InMemoryQueueCounters>()
            : sp.GetRequiredService<RabbitMqQueues>());
        // The graphs: operations' own points, the processes' reports, the 5-min rollup and the retention.
        builder.Services.AddSingleton<LocalPoints>();
        builder.Services.AddHostedService<LocalPointsFlush>();
        builder.Services.AddHostedService<QueueSamples>();
        builder.Services.AddHostedService<SeriesRollup>();
        builder.Services.AddScoped<Mediation.Operations.Api.SeriesCharts>();
        builder.Services.AddSingleton<QueueWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueWatch>());
        builder.Services.AddSingleton<StageTally>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StageTally>());
        builder.Services.AddHostedService<HeartbeatAges>();
        // Read at start, so a rule that cannot be meant stops the process before it serves (StartRefused).
        builder.Services.AddSingleton(AlertRules.From(builder.Configuration));
        builder.Services.AddSingleton<AlertWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertWatch>());
        builder.AddServiceHealth(HealthName, "operations");
        builder.Services.AddScoped<Overview>();
        builder.Services.AddScoped<FaultInbox>();
        builder.Services.AddScoped<AppliedCheck>();
        builder.Services.AddSingleton(sp => new ReportsPeer(builder.Configuration["Peers:Requests"], builder.Configuration[ReportsPeer.ApiKeySetting],
            sp.GetRequiredService<IServer>()));
        builder.Services.AddHostedService<AppliedRecheck>();
        builder.AddCaseFlows();

        builder.ContributeToBus(x =>
        {
            x.AddConsumer<CaseEventsProjection>().Endpoint(e => e.Name = CaseEventsProjection.Endpoint);
            foreach (var type in CaseEventTypes.All)
                x.AddConsumer(typeof(FaultIntake<>).MakeGenericType(type)).Endpoint(e => e.Name = FaultIntake.Endpoint);
            x.AddConsumer<UndeliveredIntake>().Endpoint(e => e.Name = FaultIntake.Endpoint);
            x.AddConsumer<AppliedAnswerIntake>().Endpoint(e => e.Name = AppliedAnswerIntake.Endpoint);
            x.AddConsumer<InstanceHeartbeatIntake>().Endpoint(e => e.Name = InstanceHeartbeatIntake.Endpoint);
            x.AddConsumer<InstanceStoppedIntake>().Endpoint(e => e.Name = InstanceHeartbeatIntake.Endpoint);
            x.AddConsumer<ActivityIntake>().Endpoint(e => e.Name = ActivityIntake.Endpoint);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapDashboard();
        app.MapReports();
        app.MapInstances();
        app.MapSeries();
        app.MapFlow();
        app.MapAlerts();
        return app;
    }
}
