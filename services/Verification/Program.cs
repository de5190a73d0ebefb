using Mediation.BuildingBlocks.Hosting;
using Mediation.Verification;

// The verification service on its own: RabbitMQ unless Bus:Transport says otherwise.
if (ServiceHelp.Requested(args, "Verification", "mediation.verification.v1.VerificationService", "verification"))
    return 0;
if (HealthProbe.Requested(args, out var probeExit))
    return probeExit;

var builder = WebApplication.CreateBuilder(args);
if (StartRefused.Stops(() => builder.AddMediationPlatform()))
    return StartRefused.ExitCode;
builder.AddVerification();
builder.AddMediationBus(defaultTransport: "RabbitMq");

var app = builder.Build();
if (ReencryptCommand.Requested(args))
    return await ReencryptCommand.Run(app, Console.Out);
app.MapMediationPlatform();
app.MapVerification();
app.Run();
return 0;
