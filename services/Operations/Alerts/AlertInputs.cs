using Mediation.Operations.Domain;
using Mediation.Operations.Queues;

namespace Mediation.Operations.Alerts;

/// <summary>
/// The facts one evaluation reads once for every rule: the queue watch's latest sample (null while there is none, or
/// the broker's API did not answer: queue rules then keep their state rather than clear), the faults that are open
/// or recent, the open escalations per party waited on, and each instance's state.
/// </summary>
public sealed record AlertInputs(
    IReadOnlyList<QueueReading>? Queues,
    IReadOnlyList<AlertInputs.Fault> Faults,
    IReadOnlyDictionary<string, int> OverdueByParty,
    IReadOnlyList<AlertInputs.Instance> Instances)
{
    public sealed record Fault(string ShortType, string Queue, DateTime FaultedAt, bool Open);

    public sealed record Instance(string Service, string InstanceId, InstanceState State, double HeartbeatAgeSeconds);

    public static readonly AlertInputs None = new(null, [], new Dictionary<string, int>(), []);
}
