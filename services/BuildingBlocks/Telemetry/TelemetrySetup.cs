using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mediation.BuildingBlocks.Telemetry;

/// <summary>
/// Metrics for Prometheus at <c>/metrics</c> and traces that follow a case across gRPC calls, the
/// outbox and the bus. Traces leave the process only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a
/// collector; without one they still link up in-process for anyone listening.
/// </summary>
public static class TelemetrySetup
{
    public static void AddMediationTelemetry(this IHostApplicationBuilder builder)
    {
        var service = builder.Configuration["Mediation:ServiceName"] ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "mediation";
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(service))
            .WithMetrics(m => m
                .AddMeter(MediationMetrics.Name)
                // RPC latencies: http.server.request.duration, per gRPC method (its route).
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(t =>
            {
                t.AddSource(MediationMetrics.Name, "MassTransit")
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsHousekeeping(http.Request.Path))
                    .AddGrpcClientInstrumentation();
                if (!string.IsNullOrEmpty(otlp))
                    t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
    }

    /// <summary>Per-stage counts tell how the work goes: an operator's credentials to read them (Prometheus: basic_auth).</summary>
    public static void MapMediationTelemetry(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Operators.OperatorAuthentication.Policy);

    private static bool IsHousekeeping(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/grpc.health.v1.Health");
}
