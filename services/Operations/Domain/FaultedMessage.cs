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
    /// <summary>When the owner of <see cref="Queue"/> answered that its consumer there has applied this message id.</summary>
    public DateTime? FoundAppliedAt { get; private set; }
    /// <summary>The queue whose inbox holds the message id (its consumer's name).</summary>
    public string? AppliedBy { get; private set; }

    /// <summary>
    /// The copy that failed is stale: the same message id was applied on its queue (an outbox sent it again,
    /// or a retry got through), so discarding it loses nothing. A mark on an open fault rather than a state:
    /// the fault still waits for an operator, who may discard it or retry it (harmless: the inbox skips it),
    /// and the operator's actions stay the only transitions (<see cref="FaultTransitions"/>).
    /// </summary>
    public bool IsApplied => FoundAppliedAt is not null;

    /// <summary>Only a message whose body was kept (an event that failed its consumer) can be sent again.</summary>
    public bool CanRetry => Body.Length > 0;

    public string ShortType => MessageType[(MessageType.LastIndexOf('.') + 1)..];
    public string QueueName => NameOf(Queue);

    /// <summary>A fault's queue by its name: an intake keeps the address a fault came from, or a report's name.</summary>
    public static string NameOf(string queue) => Uri.TryCreate(queue, UriKind.Absolute, out var address) ? QueueAddress.Name(address) : queue;

    /// <summary>
    /// Marks the fault applied on the word of <paramref name="queue"/>'s owner. False — and nothing changes —
    /// when the answer is not about this fault's queue, when the fault was already retried or discarded (an
    /// answer that arrives late), or when it is already marked (an answer heard twice keeps the first). A mark
    /// is never taken back: an inbox row is never deleted.
    /// </summary>
    public bool MarkApplied(string queue, DateTime at)
    {
        if (!FaultTransitions.TakesAppliedMark(State) || IsApplied || queue != QueueName)
            return false;
        FoundAppliedAt = at;
        AppliedBy = queue;
        return true;
    }

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
