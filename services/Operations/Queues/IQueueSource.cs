namespace Mediation.Operations.Queues;

/// <summary>Where queue figures come from: the broker's management API, or the process's own counters.</summary>
public interface IQueueSource
{
    /// <summary>"RabbitMQ management API" or "in-process counters", shown on the dashboard.</summary>
    string Origin { get; }

    Task<IReadOnlyList<QueueReading>> Read(CancellationToken ct);
}
