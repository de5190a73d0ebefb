using System.Globalization;
using Mediation.BuildingBlocks.Api;
using Mediation.Requests.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Persistence;

/// <summary>
/// A page of a case's timeline in read order (<see cref="CaseTimeline"/>), read by keyset in the database:
/// the page's rows through the (case, time, producer sequence) index, the few rows that share the page's
/// first or last (time, producer sequence) with it, and the entries before it that report a stage — never
/// the whole timeline, however long it has grown.
/// </summary>
public static class TimelinePages
{
    /// <summary>Where a page ended: the last entry's time, producer sequence and number (the page token).</summary>
    public readonly record struct Position(DateTime OccurredAt, int ProducerSequence, long Sequence)
    {
        public string Encode() => Paging.Encode(string.Create(CultureInfo.InvariantCulture, $"{OccurredAt.Ticks}/{ProducerSequence}/{Sequence}"));

        public static Position? Decode(string? token, FieldViolations v)
        {
            if (Paging.Decode(token, v) is not { } key)
                return null;
            var parts = key.Split('/');
            if (parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var producer)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                return new Position(new DateTime(ticks, DateTimeKind.Utc), producer, sequence);
            v.Add("page_token", "not a token from a previous response");
            return null;
        }

        public static Position Of(TimelineEntry t) => new(DateTime.SpecifyKind(t.OccurredAt, DateTimeKind.Utc), t.ProducerSequence, t.Sequence);
    }

    public sealed record Page(IReadOnlyList<TimelineEntry> Entries, Position? Next);

    /// <summary>
    /// Up to <paramref name="size"/> of <paramref name="entries"/> (the timeline as one party may read it) after
    /// <paramref name="after"/> (from the start when null); null when the token names no entry of the case.
    /// </summary>
    public static async Task<Page?> TimelinePage(this IQueryable<TimelineEntry> entries, string caseId, Position? after, int size, CancellationToken ct)
    {
        var timeline = entries.AsNoTracking().Where(t => t.CaseId == caseId);
        var rest = new List<TimelineEntry>();
        var before = new List<TimelineEntry>();
        if (after is { } from)
        {
            var (at, producer) = (from.OccurredAt, from.ProducerSequence);
            // The entries sharing the last one's time and producer sequence: ordered whole, split where the last page ended.
            var tie = CaseTimeline.InReadOrder(await timeline.Where(t => t.OccurredAt == at && t.ProducerSequence == producer).ToListAsync(ct));
            var end = tie.FindIndex(t => t.Sequence == from.Sequence);
            if (end < 0)
                return null;
            rest = tie.Skip(end + 1).ToList();
            before = await timeline
                .Where(t => StageProjection.ReportingTypes.Contains(t.Type) && (t.OccurredAt < at || (t.OccurredAt == at && t.ProducerSequence < producer)))
                .ToListAsync(ct);
            before.AddRange(tie.Take(end + 1));
            timeline = timeline.Where(t => t.OccurredAt > at || (t.OccurredAt == at && t.ProducerSequence > producer));
        }
        var later = await timeline.OrderBy(t => t.OccurredAt).ThenBy(t => t.ProducerSequence).Take(size + 1).ToListAsync(ct);
        if (later.Count == size + 1)
        {
            // The last row may share its time and producer sequence with rows past the cut: take them all, so the tie is ordered whole.
            var (at, producer) = (later[^1].OccurredAt, later[^1].ProducerSequence);
            later.RemoveAll(t => t.OccurredAt == at && t.ProducerSequence == producer);
            later.AddRange(await timeline.Where(t => t.OccurredAt == at && t.ProducerSequence == producer).ToListAsync(ct));
        }
        var read = CaseTimeline.AsRead(rest.Concat(CaseTimeline.InReadOrder(later)), before);
        // rest comes first: AsRead orders by the same keys, and every entry of rest precedes every later one.
        var page = read.Take(size).ToList();
        return new Page(page, read.Count > size ? Position.Of(page[^1]) : null);
    }
}
