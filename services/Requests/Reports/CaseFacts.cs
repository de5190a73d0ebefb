using Mediation.Contracts;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Reports;

/// <summary>
/// What a report needs of one case, and nothing it does not: no id leaves <see cref="Read"/>, no name is read.
/// The birth date and the region are personal data, stored encrypted like the rest (docs/partners.md, "Reports: aggregates for the observer"): they are
/// decrypted here, in memory, only to be counted.
/// </summary>
public sealed record CaseFacts(
    CaseStage Stage,
    DateTime SubmittedAt,
    DateOnly BirthDate,
    string? RegionFound,
    string? HoldingPartyId,
    DateTime? ReunitedAt,
    IReadOnlyCollection<string> NotLocatedBy)
{
    /// <summary>Every case, worked out from the cases and their timelines as they are now (nothing is kept between reports).</summary>
    public static async Task<IReadOnlyList<CaseFacts>> Read(RequestsDb db, CancellationToken ct)
    {
        var cases = await db.Cases.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Stage,
                c.CreatedAt,
                c.Child.BirthDate,
                Region = c.CurrentLocation == null ? null : c.CurrentLocation.Region,
                c.HoldingPartyId,
            })
            .ToListAsync(ct);
        // A child held back and handed over in a later batch is reunited once; the earliest entry counts.
        var reunited = await db.Timeline.AsNoTracking()
            .Where(t => t.Type == nameof(CaseReunited))
            .GroupBy(t => t.CaseId)
            .Select(g => new { CaseId = g.Key, At = g.Min(t => t.OccurredAt) })
            .ToDictionaryAsync(r => r.CaseId, r => r.At, ct);
        var notLocated = (await db.Timeline.AsNoTracking()
                .Where(t => t.Type == nameof(CaseNotLocated) && t.PartyId != null)
                .Select(t => new { t.CaseId, t.PartyId })
                .Distinct()
                .ToListAsync(ct))
            .ToLookup(t => t.CaseId, t => t.PartyId!);
        return cases.Select(c => new CaseFacts(
                c.Stage,
                c.CreatedAt,
                c.BirthDate,
                // A case forwarded again after being located would have its location cleared; only a located child has a region found.
                string.IsNullOrWhiteSpace(c.Region) ? null : c.Region,
                c.HoldingPartyId,
                reunited.TryGetValue(c.Id, out var at) ? at : null,
                notLocated[c.Id].ToList()))
            .ToList();
    }
}
