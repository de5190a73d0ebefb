using Mediation.Contracts;

namespace Mediation.BuildingBlocks.Flow;

/// <summary>
/// The steps of cases' flows this process took and has not yet shipped to operations (<see cref="CaseFlowShipper"/>):
/// recording one is an in-memory append, cheap enough for every call and message. Bounded: while the bus is out of
/// reach the oldest steps are dropped, and counted, rather than letting memory grow without end.
/// </summary>
public sealed class CaseFlowSteps(int capacity = CaseFlowSteps.DefaultCapacity)
{
    public const int DefaultCapacity = 20_000;

    /// <summary>This process, as the inbox names who handled a message.</summary>
    public static readonly string ThisProcess = $"{Environment.MachineName}/{Environment.ProcessId}";

    private readonly Lock _gate = new();
    private readonly LinkedList<CaseFlowStep> _steps = new();
    private long _dropped;

    public int Count
    {
        get
        {
            lock (_gate)
                return _steps.Count;
        }
    }

    public void Record(CaseFlowStep step)
    {
        lock (_gate)
        {
            _steps.AddLast(step);
            TrimToCapacity();
        }
    }

    /// <summary>Takes up to <paramref name="max"/> of the oldest steps, and the drops counted since the last take.</summary>
    public (List<CaseFlowStep> Steps, long Dropped) Take(int max)
    {
        lock (_gate)
        {
            var taken = new List<CaseFlowStep>(Math.Min(max, _steps.Count));
            while (taken.Count < max && _steps.First is { } first)
            {
                taken.Add(first.Value);
                _steps.RemoveFirst();
            }
            var dropped = _dropped;
            _dropped = 0;
            return (taken, dropped);
        }
    }

    /// <summary>Puts back steps whose batch could not be published, ahead of newer ones, for the next attempt.</summary>
    public void PutBack(IReadOnlyList<CaseFlowStep> steps, long dropped)
    {
        lock (_gate)
        {
            for (var i = steps.Count - 1; i >= 0; i--)
                _steps.AddFirst(steps[i]);
            _dropped += dropped;
            TrimToCapacity();
        }
    }

    private void TrimToCapacity()
    {
        while (_steps.Count > capacity)
        {
            _steps.RemoveFirst();
            _dropped++;
        }
    }

    public void Call(string service, string caseId, string method, string partyId, string outcome, DateTime startedAt, DateTime endedAt) =>
        Record(new CaseFlowStep(CaseFlowStepIds.Occurrence(CaseFlowStep.Call), CaseFlowStep.Call, caseId, service, ThisProcess, null,
            method, null, partyId, outcome, startedAt, endedAt, 0, 0));

    public void Published(string service, string caseId, Guid messageId, string type, DateTime committedAt, DateTime publishedAt, int attempts) =>
        Record(new CaseFlowStep(CaseFlowStepIds.Published(messageId), CaseFlowStep.Publish, caseId, service, ThisProcess, messageId,
            type, null, null, null, committedAt, publishedAt, attempts, 0));

    public void Consumed(string service, string caseId, Guid messageId, string type, string consumer, DateTime startedAt, DateTime endedAt,
        int retryAttempt, int redelivery) =>
        Record(new CaseFlowStep(CaseFlowStepIds.Consumed(messageId, consumer), CaseFlowStep.Consume, caseId, service, ThisProcess, messageId,
            type, consumer, null, null, startedAt, endedAt, retryAttempt, redelivery));

    public void AttemptFailed(string service, string caseId, Guid messageId, string type, string consumer, DateTime startedAt, DateTime endedAt,
        int retryAttempt, int redelivery, Exception e) =>
        Record(new CaseFlowStep(CaseFlowStepIds.Occurrence(CaseFlowStep.AttemptFailed), CaseFlowStep.AttemptFailed, caseId, service, ThisProcess,
            messageId, type, consumer, null, RootCause(e), startedAt, endedAt, retryAttempt, redelivery));

    /// <summary>The innermost exception's type (e.g. <c>SqliteException</c> under EF's <c>DbUpdateException</c>), as faults are grouped.</summary>
    private static string RootCause(Exception e)
    {
        while (e.InnerException is { } inner)
            e = inner;
        return e.GetType().Name;
    }

    public void AlreadyApplied(string service, string caseId, Guid messageId, string type, string consumer, DateTime at, int redelivery) =>
        Record(new CaseFlowStep(CaseFlowStepIds.Occurrence(CaseFlowStep.AlreadyApplied), CaseFlowStep.AlreadyApplied, caseId, service,
            ThisProcess, messageId, type, consumer, null, null, at, at, 0, redelivery));
}
