using Mediation.BuildingBlocks.Parties;
using Mediation.Operations.Alerts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Queues;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Api;

/// <summary>
/// Everything the dashboard shows, in one read: queues and alarms, faults grouped by message type and
/// exception, cases per stage and per party, what is overdue and on whom, and each batch child by
/// child. Case ids, stages, ages and organisations only — no child's or relative's personal data.
/// </summary>
public sealed class Overview(OperationsDb db, QueueWatch queues, AlertWatch alerts, PartyDirectory parties, TimeProvider clock)
{
    public const int MaxBatches = 20;
    public const int RecentFaults = 20;

    public async Task<object> Read(CancellationToken ct)
    {
        var queueSnapshot = await queues.Current(ct);
        // Read every 2 s by every open page: counted in the database, and only the rows shown are loaded.
        var tally = await db.Cases
            .GroupBy(c => new { c.RequestingPartyId, c.HoldingPartyId, c.Stage })
            .Select(g => new { g.Key.RequestingPartyId, g.Key.HoldingPartyId, g.Key.Stage, Count = g.Count() })
            .ToListAsync(ct);
        var stageCounts = tally.GroupBy(t => t.Stage).ToDictionary(g => g.Key, g => g.Sum(t => t.Count));
        var batched = await db.Cases.AsNoTracking().Where(c => c.BatchId != null)
            .Select(c => new { c.CaseId, c.Stage, c.ChildAgeYears, c.BatchId, c.LegsDone, c.Custodian, c.HeldBack, c.UpdatedAt })
            .ToListAsync(ct);
        var overdue = await db.Escalations.AsNoTracking().Where(x => x.ResolvedAt == null).OrderBy(x => x.DueAt).ToListAsync(ct);
        var open = await db.Faults.AsNoTracking().Where(f => f.State == FaultState.Open).ToListAsync(ct);
        var actedOn = await db.Faults.AsNoTracking().Where(f => f.State != FaultState.Open)
            .OrderByDescending(f => f.ActedAt).Take(RecentFaults).ToListAsync(ct);

        object PerParty(IEnumerable<(string? Party, string Stage, int Count)> rows) => rows
            .Where(r => r.Party is not null)
            .GroupBy(r => r.Party!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new { party = g.Key, name = NameOf(g.Key), open = g.Where(r => !CaseStages.IsFinal(r.Stage)).Sum(r => r.Count), total = g.Sum(r => r.Count) })
            .ToList();

        return new
        {
            at = clock.GetUtcNow().UtcDateTime,
            // The main page's banner; the alerts page has the rules and subjects.
            alertsFiring = alerts.Firing,
            queues = new
            {
                origin = queueSnapshot.Origin,
                sampledAt = queueSnapshot.At,
                problem = queueSnapshot.Problem,
                items = queueSnapshot.Queues,
                alarms = queueSnapshot.Alarms,
            },
            stages = CaseStages.InOrder.Select(s => new { stage = s, count = stageCounts.GetValueOrDefault(s) }).ToList(),
            totalCases = tally.Sum(t => t.Count),
            byRequesting = PerParty(tally.Select(t => (t.RequestingPartyId, t.Stage, t.Count))),
            byHolding = PerParty(tally.Select(t => (t.HoldingPartyId, t.Stage, t.Count))),
            overdue = overdue.Select(x => new
            {
                caseId = CaseName(x.CaseId),
                kind = x.Kind.ToString(),
                subject = x.Subject,
                waitingOn = x.WaitingOn,
                waitingOnName = parties.FindById(x.WaitingOn)?.Name ?? x.WaitingOn,
                dueAt = x.DueAt,
                raisedAt = x.RaisedAt,
            }).ToList(),
            batches = batched
                .GroupBy(c => c.BatchId!)
                .OrderByDescending(g => g.Max(c => c.UpdatedAt))
                .Take(MaxBatches)
                .Select(g => new
                {
                    batchId = "batches/" + g.Key,
                    children = g.OrderBy(c => c.CaseId, StringComparer.Ordinal).Select(c => new
                    {
                        caseId = CaseName(c.CaseId),
                        ageYears = c.ChildAgeYears,
                        stage = c.Stage,
                        legsDone = c.LegsDone,
                        custodian = c.Custodian,
                        custodianName = CustodianName(c.Custodian),
                        heldBack = c.HeldBack,
                    }).ToList(),
                }).ToList(),
            faults = new
            {
                open = open.Count,
                applied = open.Count(f => f.IsApplied),
                groups = open
                    .GroupBy(f => (f.MessageType, f.ExceptionType))
                    .OrderByDescending(g => g.Max(f => f.FaultedAt))
                    .Select(g => new
                    {
                        messageType = g.Key.MessageType,
                        shortType = g.First().ShortType,
                        exceptionType = g.Key.ExceptionType,
                        exceptionMessage = g.MaxBy(f => f.FaultedAt)!.ExceptionMessage,
                        count = g.Count(),
                        applied = g.Count(f => f.IsApplied),
                        canRetry = g.Any(f => f.CanRetry),
                        firstSeen = g.Min(f => f.FaultedAt),
                        lastSeen = g.Max(f => f.FaultedAt),
                        faults = g.OrderBy(f => f.FaultedAt).Select(f => new
                        {
                            faultId = f.FaultId, messageId = f.MessageId, caseId = CaseName(f.CaseId), queue = f.QueueName, faultedAt = f.FaultedAt, stackTrace = f.StackTrace,
                            canRetry = f.CanRetry, appliedAt = f.FoundAppliedAt, appliedBy = f.AppliedBy,
                        }).ToList(),
                    }).ToList(),
                recent = actedOn.Select(f => new
                {
                    faultId = f.FaultId, shortType = f.ShortType, caseId = CaseName(f.CaseId), queue = f.QueueName, state = f.State.ToString(),
                    actedAt = f.ActedAt, actedBy = f.ActedBy, reason = f.DiscardReason,
                }).ToList(),
            },
        };
    }

    /// <summary>As the gRPC API names it, so an operator can look the case up with the mediator's key.</summary>
    private static string? CaseName(string? id) => id is null ? null : "cases/" + id;

    private string? NameOf(string partyId) => parties.FindById(partyId)?.Name;

    private string? CustodianName(string? custodian) =>
        custodian is null ? null
        : custodian == "claimant" ? "the claimant (reunited)"
        : parties.FindByResourceName(custodian)?.Name ?? custodian;
}
