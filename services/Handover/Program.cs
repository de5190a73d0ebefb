using Mediation.BuildingBlocks.Hosting;
using Mediation.Handover;
using Mediation.Handover.Api;

// The handover service on its own: RabbitMQ unless Bus:Transport says otherwise.
if (ServiceHelp.Requested(args, "Handover", "mediation.handover.v1.HandoverService", "handover",
        "\n       dotnet Mediation.Handover.dll verify-receipt <receipt.json> <parties.json>   check a custody receipt offline"))
    return 0;
if (HealthProbe.Requested(args, out var probeExit))
    return probeExit;
if (ReceiptCommand.Requested(args, out var receiptExit))
    return receiptExit;

var builder = WebApplication.CreateBuilder(args);
if (StartRefused.Stops(() => builder.AddMediationPlatform()))
    return StartRefused.ExitCode;
builder.AddHandover();
builder.AddMediationBus(defaultTransport: "RabbitMq");

var app = builder.Build();
if (ReencryptCommand.Requested(args))
    return await ReencryptCommand.Run(app, Console.Out);
app.MapMediationPlatform();
app.MapHandover();
app.Run();
return 0;
