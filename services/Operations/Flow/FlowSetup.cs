using Mediation.BuildingBlocks.Hosting;
using Mediation.Operations.Api;
using Mediation.Operations.Consumers;

namespace Mediation.Operations.Flow;

/// <summary>A case's flow: the steps every process ships, stored and kept for a while, and read as a sequence diagram.</summary>
public static class FlowSetup
{
    public static IHostApplicationBuilder AddCaseFlows(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<FlowRetention>();
        builder.ContributeToBus(x => x.AddConsumer<FlowIntake>().Endpoint(e => e.Name = FlowIntake.Endpoint));
        return builder;
    }
}
