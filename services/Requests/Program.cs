using Mediation.BuildingBlocks.Hosting;
using Mediation.Requests;

// The requests service on its own: RabbitMQ unless Bus:Transport says otherwise.
if (ServiceHelp.Requested(args, "Requests", "mediation.requests.v1.RequestsService", "requests"))
    return 0;
if (HealthProbe.Requested(args, out var probeExit))
    return probeExit;

var builder = WebApplication.CreateBuilder(args);
if (StartRefused.Stops(() => builder.AddMediationPlatform()))
    return StartRefused.ExitCode;
builder.AddRequests();
builder.AddMediationBus(defaultTransport: "RabbitMq");

var app = builder.Build();
if (ReencryptCommand.Requested(args))
    return await ReencryptCommand.Run(app, Console.Out);
app.MapMediationPlatform();
app.MapRequests();
app.Run();
return 0;
