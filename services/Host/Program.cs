using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Operators;
using Mediation.Client;
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
               dotnet run --project services/Host -- hash-password        read an operator's password from stdin, print
                                         its PasswordHash for the parties file (PBKDF2-SHA256, salted), then exit

          --urls <url>                   where partners' gRPC calls arrive (default http://localhost:5080; HTTP/2 without TLS)
          --Mediation:WebUrl <url>       the operators' dashboard (/operations/), /metrics, /health/live and
                                         /health/ready over HTTP/1.1 (default http://localhost:5090)
          --demo                         play the reference case (11 children) through the gRPC API, then keep running
          --Mediation:DataDirectory <d>  where the SQLite files go (default ./data)
          --Mediation:PartiesFile <f>    the parties, their API key hashes and the operators' password hashes; without it the
                                         host runs in DEMO MODE on the public demo parties (parties.demo.json) and says so
          --Mediation:KeysFile <f>       the keys children's data are encrypted with (in demo mode: keys.demo.json)
          --Audit:ChainKey <base64>      the secret keying the audit logs' hash chains (in demo mode: the one in keys.demo.json)
          --Mediation:Demo true|false    demo mode, which allows the demo files' public secrets; outside it, the host refuses
                                         to start on plain ApiKey/Password/DemoPrivateKey entries or any demo secret
          --Verification:ChildViewsFromAge <n>   age from which the child's own views are a check (default 12)
          --Mediation:HeartbeatSeconds <s>   how often the host's heartbeat is published (default 5; /operations/instances)
          --Mediation:InstanceName <name>    its instance id on the heartbeats (default {host name}:{gRPC port})

        Dashboard: open http://localhost:5090/ as an operator (Operations:Operators in the parties file; in demo mode
        operator-1 / demo-operator-password). /metrics takes the same credentials. 5 wrong passwords for a name, or 20
        from an address, lock it out for 15 minutes (Operations:SignIn:*).
        Reports: http://localhost:5090/reports/ for the observer's people (an operator entry with Role Observer; in demo
        mode observer-1 / demo-observer-password) and the operators; GET /v1/reports/cases for the observer's API key.
        Health: grpc.health.v1.Health/Check (per service: mediation.requests.v1.RequestsService, …).
        """);
    return 0;
}

if (OperatorPasswordCommand.Requested(args))
    return OperatorPasswordCommand.Run(Console.In, Console.Out, Console.Error);

var demo = args.Contains("--demo");
WebApplication app = null!;
if (StartRefused.Stops(() => app = MediationHost.Build(args.Where(a => a != "--demo").ToArray())))
    return StartRefused.ExitCode;
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
