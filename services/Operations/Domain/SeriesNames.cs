namespace Mediation.Operations.Domain;

/// <summary>The series operations keeps, and what each one's subject is.</summary>
public static class SeriesNames
{
    // Per queue (subject: the queue's name), sampled by the queue watch: gauges.
    public const string QueueReady = "queue.ready";
    public const string QueueIn = "queue.in";
    public const string QueueOut = "queue.out";
    public const string QueueConsumers = "queue.consumers";

    // Per message type and queue (subject: "CaseSubmitted@operations-case-events"), from the processes' reports.
    public const string Processing = "message.processing";
    public const string Critical = "message.critical";
    public const string Retries = "message.retries";
    public const string Failures = "message.failures";
    /// <summary>Messages that failed every retry and reached the fault inbox (subject as above).</summary>
    public const string Faults = "message.faults";

    /// <summary>Calls answered (subject: "mediation.requests.v1.Requests OK").</summary>
    public const string Calls = "service.calls";

    /// <summary>Cases that entered a stage (subject: the stage).</summary>
    public const string StageEntered = "stage.entered";

    public static string MessageSubject(string messageType, string queue) => messageType + "@" + queue;

    public static string CallSubject(string service, string status) => service + " " + status;

    /// <summary>Whether a bucket without a point means zero (a count) rather than "not known" (a duration, a gauge).</summary>
    public static bool IsCount(string series) => series is Retries or Failures or Faults or Calls or StageEntered;
}
