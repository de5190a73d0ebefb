using Mediation.BuildingBlocks.Hosting;
using Mediation.Host;
using Mediation.Host.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        Mediation embedded host: the requests, verification and handover services in one process,
        on an in-memory bus, with one SQLite file per service.

        Usage: dotnet run --project services/Host -- [options]
               dotnet run --project services/Host -- reencrypt [options]   rewrite stored personal data under the
                                         active key (after a key rotation), then exit

          --urls <url>                   where partners' gRPC calls arrive (default http://localhost:5080; HTTP/2 without TLS)
          --Mediation:WebUrl <url>       the operators' dashboard (/operations/), /metrics, /health/live and
                                         /health/ready over HTTP/1.1 (default http://localhost:5090)
          --demo                         play the reference case (11 children) through the gRPC API, then keep running
          --Mediation:DataDirectory <d>  where the SQLite files go (default ./data)
          --Mediation:PartiesFile <f>    the parties and their API keys (default: the demo parties, parties.demo.json)
          --Mediation:KeysFile <f>       the keys children's data are encrypted with (default: the demo keys, keys.demo.json)
          --Audit:ChainKey <base64>      the secret keying the audit logs' hash chains (default: the demo key in keys.demo.json)
          --Verification:ChildViewsFromAge <n>   age from which the child's own views are a check (default 12)

        Dashboard: open http://localhost:5090/ as operator-1 / demo-operator-password (the demo operator),
        or as the mediator party (user mediator, its API key as password).
        Health: grpc.health.v1.Health/Check (per service: mediation.requests.v1.RequestsService, …).
        """);
    return 0;
}

var demo = args.Contains("--demo");
var app = MediationHost.Build(args.Where(a => a != "--demo").ToArray());
if (ReencryptCommand.Requested(args))
    return await ReencryptCommand.Run(app, Console.Out);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
app.Logger.LogInformation("Mediation is listening on {Address} (gRPC, HTTP/2 without TLS); operators' dashboard on {Dashboard}/operations/. Ctrl+C stops it.",
    address, app.Configuration[ListenAddresses.WebUrlKey]);

if (demo)
{
    var target = new Uri(address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost"));
    var parties = DemoParties.Load(Path.Combine(AppContext.BaseDirectory, "parties.demo.json"));
    await new ReferenceCase(ServiceAddresses.Embedded(target), parties, Console.Out).Play(app.Lifetime.ApplicationStopping);
}
await app.WaitForShutdownAsync();
return 0;
