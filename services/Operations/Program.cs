using Mediation.BuildingBlocks.Hosting;
using Mediation.Operations;

// The operations service on its own: RabbitMQ unless Bus:Transport says otherwise. Its dashboard is
// on the HTTP/1.1 endpoint (Mediation:WebUrl).
if (ServiceHelp.Requested(args, "Operations", "mediation.operations", "operations", extraSettings: """

      --Mediation:WebUrl serves the dashboard too, at /operations/
      --Operations:Operators:<name>:PasswordHash <hash>   an operator who may open the dashboard (hash-password makes it)
      --Operations:Operators:<name>:Role Observer   one of the observer's people instead: the reports view only
      --Operations:ReportsApiKey <key>   the observer's API key, with which the reports view reads the requests service's report
      --Peers:Requests <url>   the requests service (default: this process)
      --Operations:RabbitMqManagementUrl <urls>   RabbitMQ's management API; a cluster's several, comma-separated, tried in turn (default http://{host}:15672 per Bus:Host node)
      --Operations:SampleSeconds <s>   how often queues are sampled (default 2)
      --Operations:GrowthAlarmSeconds <s>   how long a queue may grow before it raises an alarm (default 120)
      --Operations:SeriesSeconds <s>   how often the graphs' figures are sent and written (every process; default 10)
      --Operations:Series:FineHours <h>   how long the graphs' 10-s points are kept (default 6)
      --Operations:Series:CoarseDays <d>   how long the graphs' 5-min points are kept (default 14)
      --Operations:Series:RollupSeconds <s>   how often 5-min points are made and old points deleted (default 60)
      --Operations:AppliedCheckSeconds <s>   how often open faults are asked about again: applied since? (default 300)
      --Operations:Flow:Days <d>   how long the steps of cases' flows are kept (default 14)
      --Operations:Alerts:<rule>:Kind <kind>   an alert rule (QueueDepth, ConsumerMissing, FaultsInLastHour, OpenFaults,
                                       HeartbeatMissed, CasesOverdue); the defaults QueueBacklog, ConsumerMissing,
                                       FaultsLastHour, OpenFaults, HeartbeatMissed, CasesOverdue need none
      --Operations:Alerts:<rule>:Threshold <n>, :ForSeconds <s>, :WindowMinutes <m>, :Queue <pattern with *>,
      --Operations:Alerts:<rule>:PerMessageType true, :Enabled false   (docs/operators.md, "Alert rules")
    """))
    return 0;
if (HealthProbe.Requested(args, out var probeExit))
    return probeExit;

var builder = WebApplication.CreateBuilder(args);
if (StartRefused.Stops(() => { builder.AddMediationPlatform(); builder.AddOperations(); }))
    return StartRefused.ExitCode;
builder.AddMediationBus(defaultTransport: "RabbitMq");

var app = builder.Build();
if (ReencryptCommand.Requested(args))
    return await ReencryptCommand.Run(app, Console.Out);
app.MapMediationPlatform();
app.MapOperations();
app.Run();
return 0;
