using System.Text.Json;
using MassTransit;
using Mediation.Contracts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Api;

/// <summary>
/// What an operator does with faulted messages. A retry sends the message, with its original message
/// id, back to the one queue it failed on — not to every subscriber — so a consumer that already applied
/// it (its inbox has the id) does not apply it twice. Every action is audited.
/// </summary>
public sealed class FaultInbox(OperationsDb db, ISendEndpointProvider endpoints, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public enum Outcome { Done, NotFound, AlreadyActedOn, NoBodyKept }

    public async Task<Outcome> Retry(Guid faultId, string by, CancellationToken ct)
    {
        var fault = await db.Faults.SingleOrDefaultAsync(f => f.FaultId == faultId, ct);
        if (fault is null)
            return Outcome.NotFound;
        if (!fault.CanRetry)
            return Outcome.NoBodyKept;
        if (!await RetryOne(fault, by, ct))
            return Outcome.AlreadyActedOn;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Retries every open fault of one message type and exception; returns how many.</summary>
    public async Task<int> RetryGroup(string messageType, string exceptionType, string by, CancellationToken ct)
    {
        var faults = await db.Faults
            .Where(f => f.State == FaultState.Open && f.MessageType == messageType && f.ExceptionType == exceptionType && f.Body != "")
            .OrderBy(f => f.FaultedAt).ToListAsync(ct);
        var retried = 0;
        foreach (var fault in faults)
        {
            if (await RetryOne(fault, by, ct))
                retried++;
            // Saved one by one: a failure part-way leaves the ones already sent marked as retried.
            await db.SaveChangesAsync(ct);
        }
        return retried;
    }

    public async Task<Outcome> Discard(Guid faultId, string reason, string by, CancellationToken ct)
    {
        var fault = await db.Faults.SingleOrDefaultAsync(f => f.FaultId == faultId, ct);
        if (fault is null)
            return Outcome.NotFound;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!fault.Act(FaultAction.Discard, by, now, reason))
            return Outcome.AlreadyActedOn;
        db.OperatorActions.Add(new OperatorAction { At = now, Operator = by, Action = FaultAction.Discard, FaultId = faultId, Reason = reason });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>
    /// Discards every open fault marked already applied (<see cref="FaultedMessage.IsApplied"/>), each audited
    /// with a reason that says so; returns how many. A fault not marked is never touched, whatever its type.
    /// </summary>
    public async Task<int> DiscardApplied(string by, CancellationToken ct)
    {
        var faults = await db.Faults.Where(f => f.State == FaultState.Open && f.FoundAppliedAt != null).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var discarded = 0;
        foreach (var fault in faults)
        {
            var reason = AppliedReason(fault);
            if (!fault.Act(FaultAction.Discard, by, now, reason))
                continue;
            db.OperatorActions.Add(new OperatorAction { At = now, Operator = by, Action = FaultAction.Discard, FaultId = fault.FaultId, Reason = reason });
            discarded++;
        }
        // One commit: the audit and the discards together, all or none.
        await db.SaveChangesAsync(ct);
        return discarded;
    }

    /// <summary>The audit's reason for a fault discarded as already applied.</summary>
    public static string AppliedReason(FaultedMessage fault) =>
        $"Already applied: the inbox of {fault.AppliedBy} holds message {fault.MessageId} (found {fault.FoundAppliedAt:yyyy-MM-ddTHH:mm:ssZ}); this copy was stale.";

    private async Task<bool> RetryOne(FaultedMessage fault, string by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!fault.CanRetry || !fault.Act(FaultAction.Retry, by, now))
            return false;
        var type = typeof(ICaseEvent).Assembly.GetType(fault.MessageType)
            ?? throw new InvalidOperationException($"Fault {fault.FaultId} is of an unknown message type.");
        var message = JsonSerializer.Deserialize(fault.Body, type)!;
        var endpoint = await endpoints.GetSendEndpoint(new Uri(fault.Queue));
        // Sent before the row is saved: if the save fails, a second retry sends the same message id again,
        // which the consumer's inbox recognises.
        await endpoint.Send(message, type, context => context.MessageId = fault.MessageId, ct);
        db.OperatorActions.Add(new OperatorAction { At = now, Operator = by, Action = FaultAction.Retry, FaultId = fault.FaultId });
        return true;
    }
}
