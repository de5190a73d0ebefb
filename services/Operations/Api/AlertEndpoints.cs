using Mediation.BuildingBlocks.Operators;
using Mediation.Operations.Alerts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Api;

/// <summary>
/// <c>GET /operations/api/alerts</c>, for the alerts page: every rule with its configuration and its state per
/// subject, and the history of firings, newest first (the last <see cref="HistoryShown"/>). Rule names, queue names,
/// message types, party ids and instance ids only.
/// </summary>
public static class AlertEndpoints
{
    public const int HistoryShown = 200;

    public static void MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/operations").RequireAuthorization(OperatorAuthentication.Policy)
            .MapGet("/api/alerts", async (AlertRules rules, OperationsDb db, TimeProvider clock, CancellationToken ct) =>
            {
                var names = rules.All.Select(r => r.Name).ToList();
                var states = await db.Set<AlertState>().AsNoTracking().Where(s => names.Contains(s.Rule)).ToListAsync(ct);
                var history = await db.Set<AlertEvent>().AsNoTracking().Where(e => names.Contains(e.Rule))
                    .OrderByDescending(e => e.FiredAt).ThenByDescending(e => e.Id).Take(HistoryShown).ToListAsync(ct);
                return Results.Json(new
                {
                    at = clock.GetUtcNow().UtcDateTime,
                    firing = rules.Enabled.Sum(r => states.Count(s => s.Rule == r.Name && s.Status == AlertStatus.Firing)),
                    rules = rules.All.Select(r => new
                    {
                        name = r.Name,
                        kind = r.Kind.ToString(),
                        threshold = r.Threshold,
                        forSeconds = r.ForSeconds,
                        windowMinutes = r.Kind == AlertKind.FaultsInLastHour ? r.WindowMinutes : (double?)null,
                        queue = r.Queue,
                        perMessageType = r.PerMessageType,
                        enabled = r.Enabled,
                        // A disabled rule's old rows say nothing about now.
                        states = (r.Enabled ? states.Where(s => s.Rule == r.Name) : [])
                            .OrderByDescending(s => s.Status).ThenBy(s => s.Subject, StringComparer.Ordinal)
                            .Select(s => new { subject = s.Subject, state = s.Status.ToString().ToUpperInvariant(), since = s.Since, value = s.Value, breachedSince = s.BreachedSince })
                            .ToList(),
                    }).ToList(),
                    history = history.Select(e => new
                    {
                        rule = e.Rule, subject = e.Subject, firedAt = e.FiredAt, firedValue = e.FiredValue, threshold = e.Threshold, clearedAt = e.ClearedAt,
                    }).ToList(),
                });
            });
    }
}
