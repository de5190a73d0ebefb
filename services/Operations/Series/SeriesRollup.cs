using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Monitoring;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Series;

/// <summary>
/// Every minute: makes each closed 5-min point of the last <see cref="Reach"/> afresh from its 10-s points (replacing
/// it, so running twice, or on two instances, gives the same points as once; a report arriving late is taken in at
/// the next run), then deletes 10-s points older than <c>Operations:Series:FineHours</c> (6) and 5-min points older
/// than <c>Operations:Series:CoarseDays</c> (14).
/// </summary>
public sealed class SeriesRollup(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<SeriesRollup> logger)
    : PeriodicScan(TimeSpan.FromSeconds(configuration.GetValue("Operations:Series:RollupSeconds", 60.0)), clock, logger)
{
    /// <summary>How far back closed 5-min points are made again: reports delayed by an outage still count if they land within it.</summary>
    public static readonly TimeSpan Reach = TimeSpan.FromMinutes(30);

    private readonly TimeSpan _fine = TimeSpan.FromHours(configuration.GetValue("Operations:Series:FineHours", 6.0));
    private readonly TimeSpan _coarse = TimeSpan.FromDays(configuration.GetValue("Operations:Series:CoarseDays", 14.0));

    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OperationsDb>();
        var now = Clock.GetUtcNow().UtcDateTime;
        await Roll(db, now - Reach, now, ct);
        await Expire(db, now, _fine, _coarse, ct);
    }

    /// <summary>Makes every 5-min point closed by <paramref name="now"/> and starting at or after <paramref name="from"/> from its 10-s points.</summary>
    public static async Task Roll(OperationsDb db, DateTime from, DateTime now, CancellationToken ct)
    {
        var start = MetricPoint.BucketOf(from, SeriesResolution.CoarseSeconds);
        var end = MetricPoint.BucketOf(now, SeriesResolution.CoarseSeconds); // the open 5-min bucket starts here
        for (var bucket = start; bucket < end; bucket = bucket.AddSeconds(SeriesResolution.CoarseSeconds))
            await RollOne(db, bucket, ct);
    }

    private static async Task RollOne(OperationsDb db, DateTime bucket, CancellationToken ct)
    {
        var until = bucket.AddSeconds(SeriesResolution.CoarseSeconds);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                var fine = await db.Set<MetricPoint>().AsNoTracking()
                    .Where(p => p.ResolutionSeconds == SeriesResolution.FineSeconds && p.BucketStart >= bucket && p.BucketStart < until)
                    .ToListAsync(ct);
                // Past the 10-s retention a 5-min point is all there is: it is kept as it was.
                if (fine.Count == 0)
                    return;
                var stored = await db.Set<MetricPoint>()
                    .Where(p => p.ResolutionSeconds == SeriesResolution.CoarseSeconds && p.BucketStart == bucket)
                    .ToDictionaryAsync(p => (p.Series, p.Subject), ct);
                foreach (var point in Combine(fine, bucket))
                {
                    if (stored.Remove((point.Series, point.Subject), out var existing))
                        existing.ReplaceWith(point);
                    else
                        db.Add(point);
                }
                db.RemoveRange(stored.Values);
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 10)
            {
                // Another instance rolled the same bucket at once: read again and replace again.
            }
        }
    }

    /// <summary>The 5-min points of <paramref name="bucket"/> from its 10-s points: counts and sums add, the max is the largest, the last is the latest, histograms add.</summary>
    public static IReadOnlyList<MetricPoint> Combine(IEnumerable<MetricPoint> fine, DateTime bucket) =>
        fine.GroupBy(p => (p.Series, p.Subject)).Select(g =>
        {
            var rolled = new MetricPoint { ResolutionSeconds = SeriesResolution.CoarseSeconds, Series = g.Key.Series, Subject = g.Key.Subject, BucketStart = bucket };
            var counts = new long[LatencyHistogram.Buckets];
            var timed = false;
            foreach (var p in g)
            {
                rolled.Count += p.Count;
                rolled.Sum += p.Sum;
                rolled.Max = Math.Max(rolled.Max, p.Max);
                if (p.LastAt >= rolled.LastAt)
                    (rolled.Last, rolled.LastAt) = (p.Last, p.LastAt);
                if (p.Histogram.Length > 0)
                {
                    counts = LatencyHistogram.Add(counts, LatencyHistogram.FromText(p.Histogram));
                    timed = true;
                }
            }
            rolled.Histogram = timed ? LatencyHistogram.ToText(counts) : "";
            return rolled;
        }).ToList();

    public static async Task Expire(OperationsDb db, DateTime now, TimeSpan fine, TimeSpan coarse, CancellationToken ct)
    {
        var fineBefore = now - fine;
        var coarseBefore = now - coarse;
        await db.Set<MetricPoint>().Where(p => p.ResolutionSeconds == SeriesResolution.FineSeconds && p.BucketStart < fineBefore).ExecuteDeleteAsync(ct);
        await db.Set<MetricPoint>().Where(p => p.ResolutionSeconds == SeriesResolution.CoarseSeconds && p.BucketStart < coarseBefore).ExecuteDeleteAsync(ct);
    }
}
