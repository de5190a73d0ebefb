using Grpc.AspNetCore.HealthChecks;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Audit;
using Mediation.BuildingBlocks.Bus;
using Mediation.BuildingBlocks.Monitoring;
using Mediation.BuildingBlocks.Operators;
using Mediation.BuildingBlocks.Parties;
using Microsoft.AspNetCore.Authentication;
using Mediation.BuildingBlocks.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>What every process serving the API has: parties, authentication, gRPC (and HTTP/JSON) with refusals mapped, health, reflection.</summary>
public static class PlatformSetup
{
    /// <summary>Largest request accepted (1 MB: a list of children is far smaller); bigger ones get RESOURCE_EXHAUSTED from gRPC itself.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    public static void AddMediationPlatform(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // A deployment names its parties file (Mediation:PartiesFile); the embedded host defaults to its demo parties.
        if (builder.Configuration["Mediation:PartiesFile"] is { Length: > 0 } partiesFile)
            builder.Configuration.AddJsonFile(Path.GetFullPath(partiesFile), optional: false);
        // And its keys file (Mediation:KeysFile), kept apart from the settings: it holds the keys to children's data.
        if (builder.Configuration["Mediation:KeysFile"] is { Length: > 0 } keysFile)
            builder.Configuration.AddJsonFile(Path.GetFullPath(keysFile), optional: false);
        // Before anything is built from them: demo or plain secrets outside demo mode stop the process here.
        DemoMode.Check(builder.Configuration);
        // A broker address that names no node stops the process here too, with the setting named, not as a
        // stack trace from inside the bus (BrokerNodes).
        BrokerNodes.From(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // One line per entry with its UTC time, for every process alike (LogFormat).
        LogFormat.Use(builder.Logging);
        // Below every other source of settings, so Logging:LogLevel:<category> still overrides them: a line
        // per HTTP request and per probe (ASP.NET, gRPC, the dashboard's polls of RabbitMQ) would bury what
        // an operator looks for; their warnings and errors still show.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Grpc"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });
        // One log line per SQL command drowns the operators' logs and costs throughput. A failed save is not
        // logged where it happens either: every one reaches code that decides what it means — a lost race is
        // retried quietly, an outage is logged once per redelivery, anything else is logged as a fault or an
        // unexpected error of the call — so EF's own error lines would only repeat it, with a stack trace.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.Critical);
        // Nothing of ours is protected with ASP.NET's data protection (the dashboard takes Basic credentials,
        // sets no cookie), so its keys stay in memory rather than on disk unencrypted.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddSingleton(PartyDirectory.FromConfiguration(builder.Configuration));
        builder.Services.AddPartyAuthentication(configuration);
        builder.Services.AddAuthorization();
        builder.AddOperators();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationRefusal>();
        builder.Services.TryAddSingleton<Monitoring.ActivityWindow>(); // the calls' tally (Monitoring.CallTally)
        builder.Services.AddSingleton(new AuditTrails()); // each service adds its audit log (AddAuditTrail)
        var grpc = builder.Services.AddGrpc(o =>
        {
            // Outermost first: the tally and the audit see the status the refusals become.
            o.Interceptors.Add<Monitoring.CallTally>();
            o.Interceptors.Add<AuditInterceptor>();
            o.Interceptors.Add<RefusalInterceptor>();
            o.MaxReceiveMessageSize = MaxRequestBytes;
            o.EnableDetailedErrors = false;
        });
        // Before the binding below: it registers gRPC anew, with grpc-dotnet's own binding.
        builder.AddOpenApiDescription();
        // Bytes that are no request message get INVALID_ARGUMENT, not grpc-dotnet's UNKNOWN (StrictRequestBinding).
        builder.Services.RemoveAll(typeof(Grpc.AspNetCore.Server.Model.IServiceMethodProvider<>));
        builder.Services.AddSingleton(typeof(Grpc.AspNetCore.Server.Model.IServiceMethodProvider<>), typeof(StrictRequestBinding<>));
        // HTTP/JSON beside gRPC: every method with a google.api.http rule also answers at its path, through the same
        // authentication, rate limit, interceptors and audit (JsonCall). After the binding above, which would remove it.
        grpc.AddJsonTranscoding(o => o.TypeRegistry = JsonCall.ErrorDetails);
        builder.Services.AddRateLimiter(o => PartyRateLimit.Configure(o, configuration));
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        // The health checks' periodic run (every 30 s; it only feeds gRPC Watch, Check runs them on demand) waits
        // for the host to have started: until then the database is being migrated and the bus connected, and
        // each check would log an error that is none. Afterwards an unhealthy check is logged at every run.
        builder.Services.AddOptions<HealthCheckPublisherOptions>().Configure<IHostApplicationLifetime>((o, lifetime) =>
            o.Predicate = _ => lifetime.ApplicationStarted.IsCancellationRequested);
        // Partners speak HTTP/2 without TLS on a trusted network or behind a TLS-terminating proxy;
        // browsers, Prometheus and HTTP probes get their own HTTP/1.1 endpoint (Mediation:WebUrl).
        ListenAddresses.Configure(builder.Services, configuration);
        builder.AddMediationTelemetry();
        // Every process says it is alive, for the services that report their health (AddServiceHealth).
        builder.AddHeartbeats();
    }

    /// <summary>
    /// Reports the gRPC health of <paramref name="grpcService"/> from the health checks tagged <paramref name="tag"/>,
    /// and names the service (<paramref name="tag"/>) on this process's heartbeats.
    /// </summary>
    public static void AddServiceHealth(this IHostApplicationBuilder builder, string grpcService, string tag)
    {
        builder.Services.Configure<GrpcHealthChecksOptions>(o =>
            o.Services.Map(grpcService, r => r.Tags.Contains(tag) || r.Tags.Contains("masstransit")));
        builder.Services.AddToHeartbeats(tag);
    }

    public static void MapMediationPlatform(this WebApplication app)
    {
        DemoMode.Announce(app.Configuration, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Mediation.DemoMode"));
        app.UseWebEndpoint();
        app.UseAuditedCalls();
        app.UseAuthentication();
        // After authentication: the limit is per party, known from its credentials.
        app.UseRateLimiter();
        app.UseAuthorization();
        // Health and the schema are public: load balancers and grpcurl need them without a party's key.
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapAuditLog();
        app.MapOpenApiDescription();
        // Liveness: the process answers. Readiness: its database and bus are up (every health check).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        app.MapMediationTelemetry();
    }
}
