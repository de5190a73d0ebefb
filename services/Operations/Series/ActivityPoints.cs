using Mediation.Contracts;
using Mediation.Operations.Domain;

namespace Mediation.Operations.Series;

/// <summary>An instance's activity report as the 10-s points it adds to.</summary>
public static class ActivityPoints
{
    public static IEnumerable<MetricPoint> Of(InstanceActivityReported report)
    {
        var bucket = MetricPoint.BucketOf(DateTime.SpecifyKind(report.From, DateTimeKind.Utc), SeriesResolution.FineSeconds);
        foreach (var c in report.Consumed)
        {
            var subject = SeriesNames.MessageSubject(c.MessageType, c.Queue);
            if (c.Processed > 0)
            {
                yield return MetricPoint.Timed(SeriesNames.Processing, subject, bucket, c.ProcessingMs, c.ProcessingSumMs, c.ProcessingMaxMs);
                yield return MetricPoint.Timed(SeriesNames.Critical, subject, bucket, c.CriticalMs, c.CriticalSumMs, c.CriticalMaxMs);
            }
            if (c.Retries > 0)
                yield return MetricPoint.Counted(SeriesNames.Retries, subject, bucket, c.Retries);
            if (c.Failures > 0)
                yield return MetricPoint.Counted(SeriesNames.Failures, subject, bucket, c.Failures);
        }
        foreach (var call in report.Calls.Where(c => c.Count > 0))
            yield return MetricPoint.Counted(SeriesNames.Calls, SeriesNames.CallSubject(call.Service, call.Status), bucket, call.Count);
    }
}
