using Mediation.BuildingBlocks.Bus;

namespace Mediation.Operations.Domain;

/// <summary>
/// A bus message that failed every retry on one queue (MassTransit's <c>Fault&lt;T&gt;</c>), kept so an
/// operator can send it again or put it aside, or one that could not be delivered at all
/// (<c>MessageUndelivered</c>), which can only be put aside. The body is the event as published: ids and
/// stages only; an undelivered message's body is never kept.
/// </summary>
public sealed class FaultedMessage
{
    public const int MaxExceptionText = 4000;
    /// <summary>The type of a message that could not be read.</summary>
    public const string UnknownType = "(unreadable message)";

    public Guid FaultId { get; init; }
    public Guid MessageId { get; init; }
    /// <summary>The contract's full type name, e.g. <c>Mediation.Contracts.CaseLocated</c>.</summary>
    public required string MessageType { get; init; }
    /// <summary>The address of the queue it failed on, where a retry sends it.</summary>
    public required string Queue { get; init; }
    public string? CaseId { get; init; }
    public required string ExceptionType { get; init; }
    public required string ExceptionMessage { get; init; }
    public string? StackTrace { get; init; }
    public required string Body { get; init; }
    public DateTime FaultedAt { get; init; }
    public FaultState State { get; private set; } = FaultState.Open;
    public DateTime? ActedAt { get; private set; }
    public string? ActedBy { get; private set; }
    public string? DiscardReason { get; private set; }

    /// <summary>Only a message whose body was kept (an event that failed its consumer) can be sent again.</summary>
    public bool CanRetry => Body.Length > 0;

    public string ShortType => MessageType[(MessageType.LastIndexOf('.') + 1)..];
    public string QueueName => Uri.TryCreate(Queue, UriKind.Absolute, out var address) ? QueueAddress.Name(address) : Queue;

    /// <summary>False when the fault was already acted on.</summary>
    public bool Act(FaultAction action, string by, DateTime now, string? reason = null)
    {
        if (FaultTransitions.Next(State, action) is not { } next)
            return false;
        State = next;
        ActedAt = now;
        ActedBy = by;
        DiscardReason = reason;
        return true;
    }
}
