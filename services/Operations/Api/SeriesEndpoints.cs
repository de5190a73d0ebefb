using Mediation.BuildingBlocks.Operators;
using Mediation.Operations.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediation.Operations.Api;

/// <summary><c>GET /operations/api/series?range=15m|1h|6h|24h|7d|14d</c>: the graphs page's charts (<see cref="SeriesCharts"/>), for operators only.</summary>
public static class SeriesEndpoints
{
    public static void MapSeries(this IEndpointRouteBuilder app) =>
        app.MapGroup("/operations").RequireAuthorization(OperatorAuthentication.Policy)
            .MapGet("/api/series", async (string? range, SeriesCharts charts, CancellationToken ct) =>
            {
                range ??= "1h";
                if (!SeriesResolution.TryRange(range, out var span, out var resolution))
                    return Results.Problem($"range must be one of {string.Join(", ", SeriesResolution.Ranges.Keys)}.", statusCode: 400);
                return Results.Json(await charts.Read(range, span, resolution, ct));
            });
}
