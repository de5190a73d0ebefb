namespace Mediation.Contracts;

/// <summary>
/// The answer to <see cref="AppliedMessagesAsked"/> from the service that owns <paramref name="Queue"/>: the
/// ids among those asked that its consumer on that queue has applied. Only ids found are answered; an id
/// not named is not known to be applied (yet), and may be asked again.
/// </summary>
public record AppliedMessagesFound(string Queue, Guid[] MessageIds, DateTime FoundAt);
