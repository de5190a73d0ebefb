using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Takes in a message some service could not deliver at all (<see cref="MessageUndelivered"/>: unreadable,
/// or of a type no consumer there takes), so it shows in the fault inbox beside the faults. No body is
/// kept, so it cannot be sent again from here; an operator reads what is known and discards it (the
/// message itself stays in the queue's <c>_error</c> or <c>_skipped</c> queue for the broker's tools).
/// </summary>
public sealed class UndeliveredIntake(OperationsDb db, AppliedCheck applied, TimeProvider clock) : IConsumer<MessageUndelivered>
{
    public Task Consume(ConsumeContext<MessageUndelivered> context) => db.ApplyOnce(context, FaultIntake.Endpoint, clock, now =>
    {
        var report = context.Message;
        var faulted = new FaultedMessage
        {
            // One fault per report: a report delivered twice is the same fault.
            FaultId = context.MessageId!.Value,
            MessageId = report.MessageId ?? Guid.Empty,
            MessageType = report.MessageTypes is { Length: > 0 } types ? TypeName(types.Split(';')[0]) : FaultedMessage.UnknownType,
            Queue = report.Queue,
            ExceptionType = report.Reason,
            ExceptionMessage = $"{report.Reason}: {report.ExceptionType ?? "no consumer for its type"}: {report.ExceptionMessage ?? ""} "
                + $"({report.BodyLength} bytes, content type {report.ContentType ?? "unknown"}, body SHA-256 {report.BodySha256})",
            Body = "",
            FaultedAt = report.FailedAt,
        };
        db.Faults.Add(faulted);
        // A copy in _error that the consumer could not read may still have been applied from a good copy.
        return applied.AskAtIntake(faulted, now, context.CancellationToken);
    });

    /// <summary><c>urn:message:Mediation.Contracts:CaseLocated</c> as the type name the faults are grouped by.</summary>
    private static string TypeName(string urn) =>
        urn.StartsWith("urn:message:", StringComparison.Ordinal) ? urn["urn:message:".Length..].Replace(':', '.') : urn;
}
