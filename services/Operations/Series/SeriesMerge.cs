using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Series;

/// <summary>
/// Adds points into the stored ones in one unit of work: a point not there yet is inserted, one that is there is
/// merged (<see cref="MetricPoint.Merge"/>). Two writers of one point at once conflict — on its key when both insert,
/// on its version when both update — and the loser reads the point again and merges anew, so no report is lost
/// and none counted twice.
/// </summary>
public static class SeriesMerge
{
    private const int Attempts = 50;

    /// <param name="claim">Run first in each attempt, in the same unit of work (an inbox claim); false: nothing to do.</param>
    public static async Task Into(OperationsDb db, IReadOnlyCollection<MetricPoint> points, CancellationToken ct, Func<Task<bool>>? claim = null)
    {
        var combined = Combine(points);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                if (claim is not null && !await claim())
                    return;
                await MergeOnce(db, combined, ct);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another writer got there first: a short, spread-out pause so the writers of a hot point do not meet again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), ct);
            }
        }
    }

    private static async Task MergeOnce(OperationsDb db, IReadOnlyCollection<MetricPoint> points, CancellationToken ct)
    {
        foreach (var bucket in points.GroupBy(p => (p.ResolutionSeconds, p.BucketStart)))
        {
            var series = bucket.Select(p => p.Series).Distinct().ToList();
            var subjects = bucket.Select(p => p.Subject).Distinct().ToList();
            var stored = await db.Set<MetricPoint>()
                .Where(p => p.ResolutionSeconds == bucket.Key.ResolutionSeconds && p.BucketStart == bucket.Key.BucketStart
                    && series.Contains(p.Series) && subjects.Contains(p.Subject))
                .ToDictionaryAsync(p => (p.Series, p.Subject), ct);
            foreach (var point in bucket)
            {
                if (stored.TryGetValue((point.Series, point.Subject), out var existing))
                    existing.Merge(point);
                else
                    db.Add(Copy(point));
            }
        }
    }

    /// <summary>Points with the same key merged into one, so each key is read and written once.</summary>
    public static IReadOnlyCollection<MetricPoint> Combine(IEnumerable<MetricPoint> points)
    {
        var byKey = new Dictionary<(int, string, string, DateTime), MetricPoint>();
        foreach (var p in points)
        {
            var key = (p.ResolutionSeconds, p.Series, p.Subject, p.BucketStart);
            if (byKey.TryGetValue(key, out var same))
                same.Merge(p);
            else
                byKey[key] = Copy(p);
        }
        return byKey.Values;
    }

    private static MetricPoint Copy(MetricPoint p) => new()
    {
        ResolutionSeconds = p.ResolutionSeconds, Series = p.Series, Subject = p.Subject, BucketStart = p.BucketStart,
        Count = p.Count, Sum = p.Sum, Max = p.Max, Last = p.Last, LastAt = p.LastAt, Histogram = p.Histogram,
    };
}
