using Mediation.BuildingBlocks.Operators;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Api;

/// <summary>
/// <c>GET /operations/api/flow/{case}</c>: a case's flow (<see cref="CaseFlow"/>) for the flow page, by its id or its
/// name (<c>cases/{id}</c>). Ids, types, parties' ids and times only.
/// </summary>
public static class FlowEndpoints
{
    /// <summary>No case has more; a flow longer than this is cut at its newest steps' end.</summary>
    public const int MaxSteps = 2000;

    public sealed record Answer(string CaseId, IReadOnlyList<string> Lifelines, IReadOnlyList<CaseFlow.Entry> Steps, bool Truncated, DateTime At);

    public static void MapFlow(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/operations/api").RequireAuthorization(OperatorAuthentication.Policy);
        ops.MapGet("/flow/{**name}", async (string name, OperationsDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var caseId = CaseIdOf(name);
            if (caseId is null)
                return Results.Problem("Name a case: its id, or cases/{id}.", statusCode: StatusCodes.Status400BadRequest);
            var steps = await db.Set<FlowStep>().AsNoTracking().Where(s => s.CaseId == caseId)
                .OrderBy(s => s.StartedAt).Take(MaxSteps + 1).ToListAsync(ct);
            var faults = await db.Faults.AsNoTracking().Where(f => f.CaseId == caseId).Take(MaxSteps).ToListAsync(ct);
            if (steps.Count == 0 && faults.Count == 0 && !await db.Cases.AnyAsync(c => c.CaseId == caseId, ct))
                return Results.Problem($"No case {caseId} is known to operations (or its steps are older than the flows are kept).",
                    statusCode: StatusCodes.Status404NotFound, title: "Unknown case");
            var truncated = steps.Count > MaxSteps;
            return Results.Json(new Answer(caseId, CaseFlow.Lifelines, CaseFlow.Of(steps.Take(MaxSteps), faults), truncated, clock.GetUtcNow().UtcDateTime));
        });
    }

    /// <summary>The id in <c>cases/{id}</c> or the id itself; null for anything else (a case id is at most 100 characters, no slash).</summary>
    public static string? CaseIdOf(string? name)
    {
        var id = (name ?? "").Trim();
        if (id.StartsWith("cases/", StringComparison.Ordinal))
            id = id["cases/".Length..];
        return id.Length is > 0 and <= 100 && !id.Contains('/') ? id : null;
    }
}
