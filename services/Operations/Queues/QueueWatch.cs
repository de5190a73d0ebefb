using Mediation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mediation.Operations.Queues;

/// <summary>
/// Samples the queues every <c>Operations:SampleSeconds</c> (2) and raises the alarms operators act on:
/// a work queue without a consumer, or one whose ready count has grown at every sample for
/// <c>Operations:GrowthAlarmSeconds</c> (120). Error queues raise none: the faults panel shows them.
/// </summary>
public sealed class QueueWatch(IQueueSource source, IConfiguration configuration, TimeProvider clock, ILogger<QueueWatch> logger)
    : PeriodicScan(TimeSpan.FromSeconds(configuration.GetValue("Operations:SampleSeconds", 2.0)), clock, logger)
{
    public sealed record Snapshot(DateTime At, string Origin, IReadOnlyList<QueueReading> Queues, IReadOnlyList<QueueAlarm> Alarms, string? Problem);

    private readonly TimeSpan _growthAlarm = TimeSpan.FromSeconds(configuration.GetValue("Operations:GrowthAlarmSeconds", 120.0));
    private readonly Dictionary<string, (long Ready, DateTime? GrowingSince)> _growth = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _one = new(1, 1);

    public Snapshot Latest { get; private set; } = new(DateTime.MinValue, source.Origin, [], [], null);

    public override async Task Scan(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            Latest = await Sample(ct);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<Snapshot> Sample(CancellationToken ct)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        IReadOnlyList<QueueReading> queues;
        try
        {
            queues = await source.Read(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            // The broker's API being down is itself what operators must see.
            return Latest with { At = now, Problem = $"{source.Origin} unreachable: {e.Message}" };
        }
        var alarms = new List<QueueAlarm>();
        foreach (var q in queues.Where(q => !q.IsErrorQueue))
        {
            if (q.Consumers == 0)
                alarms.Add(new QueueAlarm(q.Name, QueueAlarm.NoConsumer, "no consumer: its messages wait until the service is back"));
            // A streak starts when the ready count rises and lasts while it never falls back or empties.
            var previous = _growth.GetValueOrDefault(q.Name);
            DateTime? since = q.Ready == 0 || q.Ready < previous.Ready ? null
                : q.Ready > previous.Ready ? previous.GrowingSince ?? now
                : previous.GrowingSince;
            _growth[q.Name] = (q.Ready, since);
            if (since is { } start && now - start >= _growthAlarm)
                alarms.Add(new QueueAlarm(q.Name, QueueAlarm.Growing, $"ready count has grown for {(int)(now - start).TotalSeconds} s"));
        }
        return new Snapshot(now, source.Origin, queues, alarms, null);
    }

    /// <summary>The latest sample, taken at once if there is none yet (the first page load).</summary>
    public async Task<Snapshot> Current(CancellationToken ct)
    {
        if (Latest.At == DateTime.MinValue)
            await Scan(ct);
        return Latest;
    }
}

public sealed record QueueAlarm(string Queue, string Kind, string Text)
{
    public const string NoConsumer = "NO_CONSUMER";
    public const string Growing = "GROWING";
}
