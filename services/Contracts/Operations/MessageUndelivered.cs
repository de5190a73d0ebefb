namespace Mediation.Contracts;

/// <summary>
/// A message that no consumer could take at all and that went to its queue's <c>_error</c> queue (its
/// body is not a message: it does not deserialize) or <c>_skipped</c> queue (no consumer on that queue
/// takes its type). Reported by the service that received it, so that operators see it beside the
/// faults. Carries what the transport said of it and a hash of its body, never the body: a message that
/// is not ours may hold anything, a child's name included.
/// </summary>
/// <param name="Reason"><see cref="Unreadable"/> or <see cref="NoConsumer"/>.</param>
/// <param name="MessageTypes">The types its envelope or headers name, when they can be read.</param>
public record MessageUndelivered(
    Guid? MessageId,
    string Queue,
    string Reason,
    string? MessageTypes,
    string? ContentType,
    string BodySha256,
    long BodyLength,
    string? ExceptionType,
    string? ExceptionMessage,
    DateTime FailedAt)
{
    public const string Unreadable = "UNREADABLE";
    public const string NoConsumer = "NO_CONSUMER";
}
