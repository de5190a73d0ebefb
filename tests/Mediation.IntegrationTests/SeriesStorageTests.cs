using MassTransit;
using MassTransit.Mediator;
using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Monitoring;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Operations.Consumers;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Persistence.Postgres;
using Mediation.Operations.Persistence.Sqlite;
using Mediation.Operations.Series;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// The graphs' points on a SQLite file and on PostgreSQL: many activity reports merged into one point at the same
/// moment (as several operations instances and consumers would) add up to their sum, a report delivered twice counts
/// once, and the 5-min rollup run twice leaves what it left once.
/// </summary>
public sealed class SeriesStorageTests
{
    private const int Reports = 40;
    private static readonly DateTime Window = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<bool> Databases() => [false, true];

    private static Task<ConsumersOnDatabase<OperationsDb>> Operations(bool postgres) =>
        ConsumersOnDatabase<OperationsDb>.Start(postgres,
            b => b.AddServiceDatabase<OperationsDb, SqliteOperationsDb, PostgresOperationsDb>("operations"),
            m => m.AddConsumer<ActivityIntake>());

    private static InstanceActivityReported Report(int i, DateTime from)
    {
        var processing = new long[LatencyHistogram.Buckets];
        processing[i % 5] = 1 + i % 3;
        var critical = new long[LatencyHistogram.Buckets];
        critical[10] = 1 + i % 3;
        return new InstanceActivityReported($"instance-{i % 4}", from, from.AddSeconds(1),
            [new ConsumedActivity("CaseSubmitted", "operations-case-events", 1 + i % 3, i % 2, i % 3 == 0 ? 1 : 0, processing, 2.5 * (1 + i % 3), i, critical, 900, 1000)],
            [new CallActivity("mediation.requests.v1.Requests", "OK", i + 1), new CallActivity("mediation.requests.v1.Requests", "PERMISSION_DENIED", 1)]);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Reports_merged_into_one_point_at_once_add_up_and_a_repeated_report_counts_once(bool postgres)
    {
        await using var operations = await Operations(postgres);
        var mediator = operations.Services.GetRequiredService<IMediator>();
        var reports = Enumerable.Range(0, Reports).Select(i => (Id: Guid.NewGuid(), Report: Report(i, Window.AddSeconds(i % 10)))).ToList();

        // Every report at once, and each of the first ten twice: the repeats race their originals.
        await Task.WhenAll(reports.Concat(reports.Take(10)).Select(r =>
            Task.Run(() => mediator.Publish(r.Report, typeof(InstanceActivityReported), context => context.MessageId = r.Id))));

        var points = await operations.Read(db => db.Set<MetricPoint>().AsNoTracking().ToListAsync());
        Assert.All(points, p => Assert.Equal((SeriesResolution.FineSeconds, Window), (p.ResolutionSeconds, DateTime.SpecifyKind(p.BucketStart, DateTimeKind.Utc))));
        var all = reports.Select(r => r.Report.Consumed.Single()).ToList();
        var subject = SeriesNames.MessageSubject("CaseSubmitted", "operations-case-events");
        var processing = points.Single(p => p.Series == SeriesNames.Processing && p.Subject == subject);
        Assert.Equal(all.Sum(c => c.Processed), processing.Count);
        Assert.Equal(all.Sum(c => c.ProcessingSumMs), processing.Sum, precision: 6);
        Assert.Equal(all.Max(c => c.ProcessingMaxMs), processing.Max);
        Assert.Equal(all.Aggregate(new long[LatencyHistogram.Buckets], (sum, c) => LatencyHistogram.Add(sum, c.ProcessingMs)), LatencyHistogram.FromText(processing.Histogram));
        Assert.Equal(all.Sum(c => c.Retries), points.Single(p => p.Series == SeriesNames.Retries).Count);
        Assert.Equal(all.Sum(c => c.Failures), points.Single(p => p.Series == SeriesNames.Failures).Count);
        Assert.Equal(reports.Sum(r => r.Report.Calls[0].Count), points.Single(p => p.Subject == SeriesNames.CallSubject("mediation.requests.v1.Requests", "OK")).Count);
        Assert.Equal(Reports, points.Single(p => p.Subject == SeriesNames.CallSubject("mediation.requests.v1.Requests", "PERMISSION_DENIED")).Count);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task The_rollup_run_twice_leaves_the_same_5_min_points_as_once(bool postgres)
    {
        await using var operations = await Operations(postgres);
        var mediator = operations.Services.GetRequiredService<IMediator>();
        // Reports over two 5-min buckets; then queue samples, as operations' own points, flushed the same way.
        foreach (var i in Enumerable.Range(0, 12))
            await mediator.Publish((object)Report(i, Window.AddSeconds(i * 50)), typeof(InstanceActivityReported), context => context.MessageId = Guid.NewGuid());
        await operations.Write(db => SeriesMerge.Into(db,
            Enumerable.Range(0, 30).Select(i => MetricPoint.Sampled(SeriesNames.QueueReady, "operations-case-events", Window.AddSeconds(i * 20 + 1), i % 7)).ToList(),
            CancellationToken.None));
        var now = Window.AddMinutes(12);

        async Task<List<(string, string, DateTime, long, double, double, double, string)>> Rolled() => await operations.Read(db =>
            db.Set<MetricPoint>().AsNoTracking().Where(p => p.ResolutionSeconds == SeriesResolution.CoarseSeconds).ToListAsync()) is var points
            ? points.Select(p => (p.Series, p.Subject, p.BucketStart, p.Count, p.Sum, p.Max, p.Last, p.Histogram)).Order().ToList()
            : [];

        await operations.Write(db => SeriesRollup.Roll(db, Window, now, CancellationToken.None));
        var once = await Rolled();
        await operations.Write(db => SeriesRollup.Roll(db, Window, now, CancellationToken.None));
        Assert.Equal(once, await Rolled());

        // Two closed buckets (the third, 10:10-10:15, has nothing in it); each the sum of its 10-s points.
        Assert.Equal([Window, Window.AddMinutes(5)], once.Select(p => DateTime.SpecifyKind(p.Item3, DateTimeKind.Utc)).Distinct().Order());
        var fine = await operations.Read(db => db.Set<MetricPoint>().AsNoTracking().Where(p => p.ResolutionSeconds == SeriesResolution.FineSeconds).ToListAsync());
        foreach (var series in new[] { SeriesNames.Processing, SeriesNames.Calls, SeriesNames.QueueReady })
            Assert.Equal(fine.Where(p => p.Series == series).Sum(p => p.Count), once.Where(p => p.Item1 == series).Sum(p => p.Item4));

        // A report arriving late into a closed bucket is taken in by the next run, replacing, not adding.
        await mediator.Publish((object)Report(99, Window.AddSeconds(30)), typeof(InstanceActivityReported), context => context.MessageId = Guid.NewGuid());
        await operations.Write(db => SeriesRollup.Roll(db, Window, now, CancellationToken.None));
        var after = await Rolled();
        var fineAfter = await operations.Read(db => db.Set<MetricPoint>().AsNoTracking().Where(p => p.ResolutionSeconds == SeriesResolution.FineSeconds).ToListAsync());
        Assert.Equal(fineAfter.Where(p => p.Series == SeriesNames.Calls).Sum(p => p.Count), after.Where(p => p.Item1 == SeriesNames.Calls).Sum(p => p.Item4));

        // Past retention: 10-s points go after FineHours, 5-min points after CoarseDays.
        await operations.Write(db => SeriesRollup.Expire(db, Window.AddHours(7), TimeSpan.FromHours(6), TimeSpan.FromDays(14), CancellationToken.None));
        Assert.Equal(0, await operations.Read(db => db.Set<MetricPoint>().CountAsync(p => p.ResolutionSeconds == SeriesResolution.FineSeconds)));
        Assert.Equal(after.Count, await operations.Read(db => db.Set<MetricPoint>().CountAsync(p => p.ResolutionSeconds == SeriesResolution.CoarseSeconds)));
        await operations.Write(db => SeriesRollup.Expire(db, Window.AddDays(15), TimeSpan.FromHours(6), TimeSpan.FromDays(14), CancellationToken.None));
        Assert.Equal(0, await operations.Read(db => db.Set<MetricPoint>().CountAsync()));
    }
}
