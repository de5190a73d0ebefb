using System.Security.Cryptography;
using System.Text.Json;
using MassTransit;
using Mediation.Contracts;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Bus;

/// <summary>
/// Reports a message no consumer could take — one that does not deserialize (on its way to <c>_error</c>)
/// or one whose type no consumer on the queue takes (on its way to <c>_skipped</c>) — as
/// <see cref="MessageUndelivered"/>, so that it reaches the operators' fault inbox like every other
/// failure instead of waiting where only the broker's console shows it. The report goes through the
/// broker, so it reaches operations even while operations' own database is away.
/// </summary>
public static class UndeliverableMessages
{
    /// <summary>A failure no retry can fix: the bytes are not a message.</summary>
    public static bool IsUnreadable(Exception exception) => exception is System.Runtime.Serialization.SerializationException;

    /// <summary>The message id and types a MassTransit envelope names, when the body is one; nothing else of it is read.</summary>
    private static (Guid? Id, string? Types) Envelope(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, null);
            Guid? id = root.TryGetProperty("messageId", out var m) && m.ValueKind == JsonValueKind.String && m.TryGetGuid(out var g) ? g : null;
            var types = root.TryGetProperty("messageType", out var t) && t.ValueKind == JsonValueKind.Array
                ? string.Join(";", t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()))
                : null;
            return (id, types);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    public static async Task Report(ReceiveContext context, string reason, Exception? exception, ILogger logger)
    {
        var body = context.GetBody();
        var (envelopeId, types) = Envelope(body);
        var queue = QueueAddress.Name(context.InputAddress);
        var report = new MessageUndelivered(
            envelopeId ?? context.GetMessageId(), queue, reason, types, context.ContentType?.MediaType,
            Convert.ToHexStringLower(SHA256.HashData(body)), body.LongLength,
            exception?.GetType().FullName,
            // The outer message only: the inner one of a deserializer may quote the body.
            exception?.Message is { } m ? m[..Math.Min(m.Length, 500)] : null,
            DateTime.UtcNow);
        logger.LogError("Message {MessageId} on {Queue} could not be delivered: {Reason} ({Exception})", report.MessageId, queue, reason, report.ExceptionType);
        var endpoint = await context.PublishEndpointProvider.GetPublishSendEndpoint<MessageUndelivered>();
        await endpoint.Send(report, context.CancellationToken);
    }
}

/// <summary>In a queue's error pipe: reports an unreadable message, then lets it go on to <c>_error</c>.</summary>
public sealed class UnreadableMessageReport(ILogger logger) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (UndeliverableMessages.IsUnreadable(context.Exception))
            await UndeliverableMessages.Report(context, MessageUndelivered.Unreadable, context.Exception, logger);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("unreadableMessageReport");
}

/// <summary>In a queue's dead-letter pipe: reports a message no consumer there takes, then lets it go on to <c>_skipped</c>.</summary>
public sealed class SkippedMessageReport(ILogger logger) : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        await UndeliverableMessages.Report(context, MessageUndelivered.NoConsumer, null, logger);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("skippedMessageReport");
}
