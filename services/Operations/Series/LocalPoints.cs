using Mediation.Operations.Domain;
using Mediation.Operations.Queues;

namespace Mediation.Operations.Series;

/// <summary>
/// The points operations observes itself — queue samples, faults taken in, cases entering a stage — added up in
/// memory (one short lock per event) and written by <see cref="LocalPointsFlush"/> every <c>Operations:SeriesSeconds</c>
/// through the same merge as the processes' reports, never a database write per event.
/// </summary>
public sealed class LocalPoints(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private List<MetricPoint> _pending = [];

    /// <summary>A case entered <paramref name="stage"/>; called once the unit of work that moved it committed.</summary>
    public void Entered(string stage) => Add(MetricPoint.Counted(SeriesNames.StageEntered, stage, Now, 1));

    /// <summary>A message failed every retry and reached the fault inbox (committed).</summary>
    public void Faulted(string messageType, string queue) =>
        Add(MetricPoint.Counted(SeriesNames.Faults, SeriesNames.MessageSubject(messageType, queue), Now, 1));

    /// <summary>One sample of every queue, as the queue watch read it.</summary>
    public void Sampled(DateTime at, IReadOnlyList<QueueReading> queues)
    {
        var points = queues.SelectMany(q => new[]
        {
            MetricPoint.Sampled(SeriesNames.QueueReady, q.Name, at, q.Ready),
            MetricPoint.Sampled(SeriesNames.QueueIn, q.Name, at, q.PublishRate),
            MetricPoint.Sampled(SeriesNames.QueueOut, q.Name, at, q.DeliverRate),
            MetricPoint.Sampled(SeriesNames.QueueConsumers, q.Name, at, q.Consumers),
        }).ToList();
        lock (_gate)
            _pending.AddRange(points);
    }

    private DateTime Now => MetricPoint.BucketOf(clock.GetUtcNow().UtcDateTime, SeriesResolution.FineSeconds);

    private void Add(MetricPoint point)
    {
        lock (_gate)
            _pending.Add(point);
    }

    /// <summary>Everything added since the last call, combined per point.</summary>
    public IReadOnlyCollection<MetricPoint> Take()
    {
        List<MetricPoint> taken;
        lock (_gate)
            (taken, _pending) = (_pending, []);
        return SeriesMerge.Combine(taken);
    }

    /// <summary>Puts back what could not be written, for the next flush.</summary>
    public void PutBack(IEnumerable<MetricPoint> points)
    {
        lock (_gate)
            _pending.AddRange(points);
    }
}
