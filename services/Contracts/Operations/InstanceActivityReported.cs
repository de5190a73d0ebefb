namespace Mediation.Contracts;

/// <summary>
/// What one process did in a window of <c>Operations:SeriesSeconds</c> (10): the messages each of its queues consumed
/// and the calls it answered. Operations adds it into its graphs (10-s points). Type names, queue names, gRPC
/// statuses and counts only; an empty window is not sent.
/// </summary>
/// <param name="InstanceId">The process (as in its heartbeats), for tracing a report back; the graphs add instances up.</param>
/// <param name="From">The window's start (the sender's clock, UTC): the report lands in the 10-s point holding it.</param>
public record InstanceActivityReported(
    string InstanceId,
    DateTime From,
    DateTime To,
    ConsumedActivity[] Consumed,
    CallActivity[] Calls);
