namespace Mediation.BuildingBlocks.Persistence;

/// <summary>A bus message a consumer has applied; its key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public required string Consumer { get; set; }
    public DateTime HandledAt { get; set; }
    /// <summary>Which process applied it (host/pid): shows the operators how scaled-out instances share the work.</summary>
    public string HandledBy { get; set; } = "";
}
