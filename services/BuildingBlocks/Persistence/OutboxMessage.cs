using System.Diagnostics;
using System.Text.Json;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// An event waiting to be published, written in the same transaction as the state change it describes.
/// Its <see cref="MessageId"/> becomes the bus message id, so a re-send after a crash is recognised by every inbox.
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; set; }
    public Guid MessageId { get; set; }
    public required string Type { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>The W3C trace the change was made in, so the published event continues it after the commit.</summary>
    public string? TraceParent { get; set; }

    /// <summary>A state change of a case, as opposed to a message between services about their own work.</summary>
    public bool IsCaseEvent => Mediation.Contracts.CaseEventTypes.Named(Type);

    public static OutboxMessage For(object message, DateTime now) => new()
    {
        MessageId = Guid.CreateVersion7(),
        Type = message.GetType().FullName!,
        Body = JsonSerializer.Serialize(message, message.GetType()),
        CreatedAt = now,
        TraceParent = Activity.Current?.Id,
    };
}
