using System.Text.Json;
using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Series;
using Mediation.BuildingBlocks.Monitoring;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Takes in every event that failed all its retries on some service's queue (MassTransit publishes a
/// <c>Fault&lt;T&gt;</c> from that queue), so operators see it and can retry or discard it.
/// </summary>
public sealed class FaultIntake<T>(OperationsDb db, AppliedCheck applied, LocalPoints points, TimeProvider clock) : IConsumer<Fault<T>> where T : class, ICaseEvent
{
    public async Task Consume(ConsumeContext<Fault<T>> context)
    {
        FaultedMessage? taken = null;
        await db.ApplyOnce(context, FaultIntake.Endpoint, clock, now => Take(context, now, out taken));
        // Counted once the fault committed, for the faults graph of its message type and queue.
        if (taken is not null)
            points.Faulted(MessageTypeName<T>.Value, taken.QueueName);
    }

    private Task Take(ConsumeContext<Fault<T>> context, DateTime now, out FaultedMessage taken)
    {
        var fault = context.Message;
        var exception = fault.Exceptions.FirstOrDefault();
        // Grouped by the root cause (e.g. SqliteException under EF's DbUpdateException); the text keeps the chain.
        var chain = new List<ExceptionInfo>();
        for (var e = exception; e is not null; e = e.InnerException)
            chain.Add(e);
        var faulted = new FaultedMessage
        {
            FaultId = fault.FaultId,
            MessageId = fault.FaultedMessageId ?? Guid.Empty,
            MessageType = typeof(T).FullName!,
            // A fault is published from the consume context of the queue the message failed on.
            Queue = context.SourceAddress?.ToString() ?? "",
            CaseId = fault.Message.CaseId,
            ExceptionType = Truncate(chain.LastOrDefault()?.ExceptionType ?? "unknown", 300),
            ExceptionMessage = Truncate(string.Join(" → ", chain.Select(e => $"{e.ExceptionType}: {e.Message}")), FaultedMessage.MaxExceptionText),
            StackTrace = exception?.StackTrace is { } stack ? Truncate(stack, FaultedMessage.MaxExceptionText) : null,
            Body = JsonSerializer.Serialize(fault.Message),
            FaultedAt = fault.Timestamp,
        };
        db.Faults.Add(faulted);
        taken = faulted;
        return applied.AskAtIntake(faulted, now, context.CancellationToken);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

public static class FaultIntake
{
    public const string Endpoint = "operations-faults";
}
