using Mediation.BuildingBlocks.Hosting;
using Mediation.Handover;

// The handover service on its own: RabbitMQ unless Bus:Transport says otherwise.
if (ServiceHelp.Requested(args, "Handover", "mediation.handover.v1.HandoverService", "handover"))
    return 0;
if (HealthProbe.Requested(args, out var probeExit))
    return probeExit;

var builder = WebApplication.CreateBuilder(args);
builder.AddMediationPlatform();
builder.AddHandover();
builder.AddMediationBus(defaultTransport: "RabbitMq");

var app = builder.Build();
app.MapMediationPlatform();
app.MapHandover();
app.Run();
return 0;
