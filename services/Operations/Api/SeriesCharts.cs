using Mediation.BuildingBlocks.Monitoring;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Api;

/// <summary>
/// The graphs of a time range, from the points of the resolution the range is drawn at: per queue its depth and
/// rates; per message type and queue its processing and critical times (p50, p99 from the merged histograms) and its
/// counts; per gRPC service its calls per second by status and its error rate; cases entering each stage.
/// A series without a point in the range is left out. A bucket without a point is a gap for times and gauges, and
/// zero for counts (nothing happened is a true zero).
/// </summary>
public sealed class SeriesCharts(OperationsDb db, TimeProvider clock)
{
    public sealed record Point(DateTime At, double? Value);
    public sealed record Line(string Name, IReadOnlyList<Point> Points);
    public sealed record Chart(string Series, string Subject, string Title, string Unit, IReadOnlyList<Line> Lines);
    public sealed record Section(string Name, IReadOnlyList<Chart> Charts);
    public sealed record Answer(string Range, int ResolutionSeconds, DateTime From, DateTime To, IReadOnlyList<Section> Sections);

    public async Task<Answer> Read(string range, TimeSpan span, int resolution, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = MetricPoint.BucketOf(now - span, resolution).AddSeconds(resolution);
        var points = await db.Set<MetricPoint>().AsNoTracking()
            .Where(p => p.ResolutionSeconds == resolution && p.BucketStart >= from)
            .ToListAsync(ct);
        return Draw(range, resolution, from, now, points);
    }

    public static Answer Draw(string range, int resolution, DateTime from, DateTime now, IReadOnlyList<MetricPoint> points)
    {
        var buckets = new List<DateTime>();
        for (var b = from; b <= now; b = b.AddSeconds(resolution))
            buckets.Add(b);
        var bySeries = points.GroupBy(p => p.Series).ToDictionary(g => g.Key, g => g.GroupBy(p => p.Subject).ToDictionary(s => s.Key, s => s.ToDictionary(p => DateTime.SpecifyKind(p.BucketStart, DateTimeKind.Utc))));
        IReadOnlyDictionary<string, Dictionary<DateTime, MetricPoint>> Of(string series) =>
            bySeries.TryGetValue(series, out var subjects) ? subjects : new Dictionary<string, Dictionary<DateTime, MetricPoint>>();

        // A gauge or a time: a value where there is a point, a gap elsewhere.
        Line Gaps(string name, Dictionary<DateTime, MetricPoint>? of, Func<MetricPoint, double?> value) =>
            new(name, of is null ? [] : of.OrderBy(p => p.Key).Select(p => new Point(p.Key, Round(value(p.Value)))).Where(p => p.Value is not null).ToList());
        // A count: zero where nothing was counted; a count with no point at all in the range is left out.
        Line? Zeros(string name, Dictionary<DateTime, MetricPoint>? of, Func<MetricPoint, double> value) =>
            of is null || of.Count == 0 ? null
                : new(name, buckets.Select(b => new Point(b, of.TryGetValue(b, out var p) ? Round(value(p)) : 0)).ToList());

        var queues = new List<Chart>();
        foreach (var queue in Of(SeriesNames.QueueReady).Keys.Union(Of(SeriesNames.QueueIn).Keys).Order(StringComparer.Ordinal))
        {
            queues.Add(new Chart("queue.depth", queue, queue + " — ready", "messages",
                [Gaps("ready (highest)", Of(SeriesNames.QueueReady).GetValueOrDefault(queue), p => p.Max)]));
            queues.Add(new Chart("queue.rates", queue, queue + " — in and out", "messages/s",
                [Gaps("in/s", Of(SeriesNames.QueueIn).GetValueOrDefault(queue), Mean), Gaps("out/s", Of(SeriesNames.QueueOut).GetValueOrDefault(queue), Mean)]));
        }

        var messages = new List<Chart>();
        var messageSubjects = new[] { SeriesNames.Processing, SeriesNames.Retries, SeriesNames.Failures, SeriesNames.Faults }
            .SelectMany(s => Of(s).Keys).Distinct().Order(StringComparer.Ordinal);
        foreach (var subject in messageSubjects)
        {
            var processing = Of(SeriesNames.Processing).GetValueOrDefault(subject);
            var critical = Of(SeriesNames.Critical).GetValueOrDefault(subject);
            if (processing is not null)
            {
                messages.Add(new Chart("message.processing", subject, subject + " — processing time", "ms",
                    [Gaps("p50", processing, p => Quantile(p, 0.5)), Gaps("p99", processing, p => Quantile(p, 0.99))]));
                messages.Add(new Chart("message.critical", subject, subject + " — critical time (commit → processed)", "ms",
                    [Gaps("p50", critical, p => Quantile(p, 0.5)), Gaps("p99", critical, p => Quantile(p, 0.99))]));
            }
            messages.Add(new Chart("message.counts", subject, subject + " — processed, retries, failures", "messages", Present(
                Zeros("processed", processing, p => p.Count),
                Zeros("retries", Of(SeriesNames.Retries).GetValueOrDefault(subject), p => p.Count),
                Zeros("failed attempts", Of(SeriesNames.Failures).GetValueOrDefault(subject), p => p.Count),
                Zeros("faults", Of(SeriesNames.Faults).GetValueOrDefault(subject), p => p.Count))));
        }

        var services = new List<Chart>();
        var calls = Of(SeriesNames.Calls);
        foreach (var service in calls.GroupBy(c => c.Key[..c.Key.LastIndexOf(' ')]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byStatus = service.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            services.Add(new Chart("service.calls", service.Key, service.Key + " — calls per second by status", "calls/s",
                Present(byStatus.Select(s => Zeros(s.Key[(s.Key.LastIndexOf(' ') + 1)..], s.Value, p => (double)p.Count / resolution)).ToArray())));
            services.Add(new Chart("service.errors", service.Key, service.Key + " — error rate (not OK)", "%",
            [
                new Line("error rate", buckets.Select(b =>
                {
                    var all = byStatus.Sum(s => s.Value.TryGetValue(b, out var p) ? p.Count : 0);
                    var failed = byStatus.Where(s => !s.Key.EndsWith(" OK", StringComparison.Ordinal)).Sum(s => s.Value.TryGetValue(b, out var p) ? p.Count : 0);
                    return new Point(b, all == 0 ? null : Round(100.0 * failed / all));
                }).Where(p => p.Value is not null).ToList()),
            ]));
        }

        var cases = Of(SeriesNames.StageEntered).OrderBy(s => CaseStageOrder(s.Key)).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new Chart("stage.entered", s.Key, "cases entering " + s.Key, "cases", Present(Zeros("cases", s.Value, p => p.Count))))
            .ToList();

        return new Answer(range, resolution, from, now,
            [new Section("Queues", queues), new Section("Messages", messages), new Section("Services", services), new Section("Cases", cases)]);
    }

    private static IReadOnlyList<Line> Present(params Line?[] lines) => lines.OfType<Line>().ToList();

    private static double? Mean(MetricPoint p) => p.Count == 0 ? null : p.Sum / p.Count;

    public static double? Quantile(MetricPoint p, double q) => LatencyHistogram.Quantile(LatencyHistogram.FromText(p.Histogram), p.Max, q);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    private static int CaseStageOrder(string stage) => CaseStages.InOrder.ToList().IndexOf(stage) is var i and >= 0 ? i : int.MaxValue;
}
