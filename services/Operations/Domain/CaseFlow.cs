using Mediation.Contracts;

namespace Mediation.Operations.Domain;

/// <summary>
/// A case's flow as the sequence diagram draws it: its steps in time order, each publish linked to the consumptions
/// (and failed attempts, refused copies and faults) of the same message, with durations and the time from the
/// event's commit to each consumption. A pure function of the stored steps and faults, so its order is tested alone.
/// </summary>
public static class CaseFlow
{
    /// <summary>Who takes part, in the order the diagram draws their lifelines: the calling party, then the services.</summary>
    public static readonly IReadOnlyList<string> Lifelines = [Party, "requests", "verification", "handover", "operations"];

    public const string Party = "party";

    /// <summary>Kinds as the diagram names them: a failed attempt is a retry, a fault is what operations took in.</summary>
    public const string Retry = "retry";
    public const string Fault = "fault";

    /// <summary>
    /// At the same instant, the order things happen in: a call before the event it commits; a consumption before the
    /// events it commits (a consumer's events carry the instant it began); a failure before the fault it ends in.
    /// A delivery never comes before its own message's publish (<see cref="Of"/> moves it after).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, int> SameInstantOrder = new Dictionary<string, int>
    {
        [CaseFlowStep.Call] = 0,
        [CaseFlowStep.Consume] = 1,
        [Retry] = 1,
        [CaseFlowStep.AlreadyApplied] = 1,
        [CaseFlowStep.Publish] = 2,
        [Fault] = 3,
    };

    public sealed record Entry(
        int Index,
        string Kind,
        string Service,
        string Type,
        string ShortType,
        string? Consumer,
        string? Instance,
        Guid? MessageId,
        string? PartyId,
        string? Outcome,
        DateTime At,
        DateTime EndedAt,
        double DurationMs,
        // A consumption's (or failure's, or fault's) time from the event's commit to its end: the critical time.
        double? SinceCommitMs,
        int Attempt,
        int Redelivery,
        // A consumption that took more than one try (immediate retry or redelivery).
        bool Retried,
        // A consumption's publish, by index; null when the publish is not (or not yet) known.
        int? PublishIndex,
        // A publish's consumptions, failures, refused copies and faults, by index.
        IReadOnlyList<int> Deliveries);

    public static IReadOnlyList<Entry> Of(IEnumerable<FlowStep> steps, IEnumerable<FaultedMessage> faults)
    {
        var rows = steps.Select(s => new Row(s.StepId, s.Kind == CaseFlowStep.AttemptFailed ? Retry : s.Kind, s.Service, s.Type, s.Consumer,
                s.Instance, s.MessageId, s.PartyId, s.Outcome, s.StartedAt, s.EndedAt, s.Attempt, s.Redelivery))
            .Concat(faults.Select(f => new Row("fault:" + f.FaultId, Fault, ServiceOfQueue(f.QueueName), f.MessageType, f.QueueName, null,
                f.MessageId, null, f.ExceptionType, f.FaultedAt, f.FaultedAt, 0, 0)))
            .OrderBy(r => r.At).ThenBy(r => SameInstantOrder.GetValueOrDefault(r.Kind, 9)).ThenBy(r => r.EndedAt).ThenBy(r => r.StepId, StringComparer.Ordinal)
            .ToList();
        rows = AfterTheirPublish(rows);

        var publishes = new Dictionary<Guid, int>();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i] is { Kind: CaseFlowStep.Publish, MessageId: { } id })
                publishes.TryAdd(id, i);
        var deliveries = rows.Select(_ => new List<int>()).ToList();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i] is { Kind: not (CaseFlowStep.Publish or CaseFlowStep.Call), MessageId: { } id } && publishes.TryGetValue(id, out var p))
                deliveries[p].Add(i);

        return rows.Select((r, i) =>
        {
            int? publish = r.Kind is CaseFlowStep.Publish or CaseFlowStep.Call || r.MessageId is not { } id || !publishes.TryGetValue(id, out var p) ? null : p;
            double? sinceCommit = publish is { } at ? (r.EndedAt - rows[at].At).TotalMilliseconds : null;
            return new Entry(i, r.Kind, r.Service, r.Type, ShortName(r.Type), r.Consumer, r.Instance, r.MessageId, r.PartyId, r.Outcome,
                r.At, r.EndedAt, (r.EndedAt - r.At).TotalMilliseconds, sinceCommit, r.Attempt, r.Redelivery,
                r.Kind == CaseFlowStep.Consume && (r.Attempt > 0 || r.Redelivery > 0), publish, deliveries[i]);
        }).ToList();
    }

    /// <summary>
    /// Each delivery of a message after that message's publish: they can share an instant, and processes' clocks can
    /// disagree by a little, but a message is never taken before it was sent. Otherwise the time order stays.
    /// </summary>
    private static List<Row> AfterTheirPublish(List<Row> rows)
    {
        var known = rows.Where(r => r.Kind == CaseFlowStep.Publish && r.MessageId is not null).Select(r => r.MessageId!.Value).ToHashSet();
        var published = new HashSet<Guid>();
        var waiting = new Dictionary<Guid, List<Row>>();
        var ordered = new List<Row>(rows.Count);
        foreach (var r in rows)
        {
            if (r is { Kind: not (CaseFlowStep.Publish or CaseFlowStep.Call), MessageId: { } id } && known.Contains(id) && !published.Contains(id))
            {
                (waiting.TryGetValue(id, out var list) ? list : waiting[id] = []).Add(r);
                continue;
            }
            ordered.Add(r);
            if (r is { Kind: CaseFlowStep.Publish, MessageId: { } sent } && published.Add(sent) && waiting.Remove(sent, out var held))
                ordered.AddRange(held);
        }
        return ordered;
    }

    /// <summary><c>Mediation.Contracts.CaseLocated</c> → <c>CaseLocated</c>; <c>/mediation.requests.v1.RequestsService/LocateChild</c> → <c>LocateChild</c>.</summary>
    public static string ShortName(string type) => type[(type.LastIndexOfAny(['.', '/']) + 1)..];

    /// <summary>The service a queue belongs to, by its name's first word (<c>verification-case-located</c>).</summary>
    public static string ServiceOfQueue(string queue)
    {
        var first = queue.Split('-', 2)[0];
        return Lifelines.Contains(first) && first != Party ? first : "operations";
    }

    private sealed record Row(string StepId, string Kind, string Service, string Type, string? Consumer, string? Instance, Guid? MessageId,
        string? PartyId, string? Outcome, DateTime At, DateTime EndedAt, int Attempt, int Redelivery);
}
