namespace Mediation.Contracts;

/// <summary>
/// Operations asks the service that owns <paramref name="Queue"/> which of these message ids its consumer on
/// that queue has already applied: a fault whose message was applied later (a copy the outbox sent again)
/// is stale, not a failure. Ids only, never a body: the question travels on a bus every service can read.
/// </summary>
/// <param name="Queue">A queue's name, which is also the name its consumer claims messages under in the inbox.</param>
public record AppliedMessagesAsked(string Queue, Guid[] MessageIds, DateTime AskedAt)
{
    /// <summary>The most ids one question carries; more are asked in several.</summary>
    public const int MaxIds = 500;
}
