namespace Mediation.BuildingBlocks.Hosting;

/// <summary><c>--help</c> for a service's own process: what it is and every setting it reads.</summary>
public static class ServiceHelp
{
    public static bool Requested(string[] args, string service, string grpcService, string database, string extraUsage = "", string extraSettings = "")
    {
        if (!args.Contains("--help") && !args.Contains("-h"))
            return false;
        Console.WriteLine($"""
            Mediation {service} service, as its own process (the distributed mode).

            Usage: dotnet Mediation.{service}.dll [--setting value ...]
                   dotnet Mediation.{service}.dll --probe <url> {grpcService}   exit 0 when SERVING
                   dotnet Mediation.{service}.dll {ReencryptCommand.Usage}{extraUsage}

            Settings (as --A:B value, or environment variables A__B):
              --urls <url>                     where partners' gRPC calls arrive (HTTP/2 without TLS)
              --Mediation:WebUrl <url>         an HTTP/1.1 endpoint for /metrics (an operator's credentials), /health/live,
                                               /health/ready; the gRPC urls answer 404 for them
              --Bus:Transport RabbitMq|InMemory   default RabbitMq
              --Bus:Host, --Bus:Port, --Bus:VirtualHost, --Bus:Username, --Bus:Password
              --Bus:Host <host[:port],...>     one broker node, or a cluster's several comma-separated (default localhost;
                                               a node without a port is on Bus:Port, default 5672): the bus connects to
                                               one that answers and, when it goes, to a surviving one
              --Database:Provider Postgres|Sqlite   default Sqlite
              --ConnectionStrings:{database} <connection string>   required with Postgres
              --Mediation:DataDirectory <dir>  where the SQLite file goes (default ./data)
              --Mediation:PartiesFile <file>   the parties, their API key hashes, the operators' password hashes
              --Mediation:Demo true            demo mode: allows the public demo files' secrets (and says so at start);
                                               without it, plain ApiKey/Password/DemoPrivateKey entries or any demo
                                               secret stop the process (exit 2). scripts/secrets.sh makes real ones
              --Operations:SignIn:FailuresPerOperator <n>, --Operations:SignIn:FailuresPerAddress <n>,
              --Operations:SignIn:LockoutSeconds <s>   operators' sign-in lockout (5, 20, 900)
              --Mediation:KeysFile <file>      the keys children's data are encrypted with (PersonalData:*); required
              --Audit:ChainKey <base64>        the secret keying the audit log's hash chain (32+ bytes); required, usually in the keys file
              --Outbox:Paused true             keep events in the outbox, do not publish
              --Mediation:HeartbeatSeconds <s>   how often this process's heartbeat is published (default 5; the
                                               instances view calls it stale after three missed)
              --Mediation:InstanceName <name>  its instance id on the heartbeats (default: host name and gRPC port, as box:5080)
              --Mediation:Flow:ShipSeconds <s>   how often the steps of cases' flows (calls, publishes, consumptions) go to
                                               operations in a batch (default 1)
              --Peers:Handover <url>           (requests) the handover service, asked before a withdrawal
              --Peers:Deadline <ms>            (requests) how long to wait for it (default 2000)
              --Tls:Certificate <pem>, --Tls:CertificateKey <pem>   serve https:// urls (mutual TLS)
              --Tls:ClientCertificateAuthority <pem>   the authority that issues party certificates
              --Tls:RequireClientCertificate true      refuse callers without a certificate
              --RateLimits:PerPartyPerSecond <n>, --RateLimits:Burst <n>   each party's call rate (500, 1000)
              --RateLimits:AnonymousPerSecond <n>   calls without credentials, per client address (20)
              --Logging:LogLevel:<category> <level>   the lowest level logged (Information; Warning for
                                               Microsoft.AspNetCore, Grpc and System.Net.Http.HttpClient)
              --Logging:Console:FormatterName json   JSON lines instead of one line per entry, UTC time first
              OTEL_EXPORTER_OTLP_ENDPOINT      an OpenTelemetry collector to send traces to{extraSettings}

            scripts/up.sh starts every service this way; see docs/operators.md.
            """);
        return true;
    }
}
