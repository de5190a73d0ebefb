using System.Security.Cryptography;
using Google.Protobuf;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Microsoft.EntityFrameworkCore;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Runs a mutating call once per (party, request id): the state change, its events and the answer
/// commit together. A retry with the same content gets the first answer, shown through today's access rules
/// (the call's <c>replay</c>): what the party may no longer see (a case forwarded elsewhere, a child's data after
/// the consent to share was withdrawn) is not handed out again from the stored bytes. Different content under
/// the same id is refused with ALREADY_EXISTS. A lost race on the same case is re-run on fresh state.
/// </summary>
public static class IdempotentCall
{
    private const int MaxRequestIdLength = 100;
    /// <summary>
    /// Each lost race means another writer committed, so N writers on one case need at most N attempts:
    /// eleven children's checks attested at once fit, with room to spare.
    /// </summary>
    private const int MaxAttempts = 20;

    public static async Task<TResponse> Run<TResponse>(
        this ServiceDbContext db, Caller caller, string requestId, IMessage request,
        Func<Task<TResponse>> mutate, Func<TResponse, Task<TResponse>> replay, DateTime now, CancellationToken ct)
        where TResponse : IMessage<TResponse>, new()
    {
        var method = request.Descriptor.FullName;
        var hash = Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));
        for (var attempt = 1; ; attempt++)
        {
            var first = await FirstAnswer(db, caller, requestId, ct);
            if (first is not null)
                return await replay(Replay<TResponse>(first, method, hash));

            TResponse response;
            try
            {
                response = await mutate();
            }
            catch (Refusal) when (attempt < MaxAttempts)
            {
                // A twin of this call (the same request id, sent again while the first was still running) may have
                // committed after the look-up above, and what it did be why this one was refused (the child it
                // submitted is now an open case, the case it moved has moved): then its answer is this call's.
                if (await FirstAnswer(db, caller, requestId, ct) is null)
                    throw;
                db.StartOver();
                continue;
            }
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                PartyId = caller.Party.Id,
                RequestId = requestId,
                Method = method,
                RequestSha256 = hash,
                Response = response.ToByteArray(),
                CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                return response;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another call changed the same row, or took this request id, first: start again from what is
                // stored, after a pause of a few milliseconds, random so that the losers do not meet again.
                db.StartOver();
                await Task.Delay(Random.Shared.Next(1, 2 + 2 * attempt), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrentChange($"Other changes to the same case kept coming first ({MaxAttempts} attempts); nothing was changed. Retry with the same request_id.");
            }
        }
    }

    /// <summary>The record of the first call with this party's request id, once that call has committed.</summary>
    private static Task<IdempotencyRecord?> FirstAnswer(ServiceDbContext db, Caller caller, string requestId, CancellationToken ct) =>
        FirstAnswerQuery.For(db)(db, caller.Party.Id, requestId, ct);

    private static readonly CompiledQuery<Func<ServiceDbContext, string, string, CancellationToken, Task<IdempotencyRecord?>>> FirstAnswerQuery = new(() =>
        EF.CompileAsyncQuery((ServiceDbContext db, string partyId, string requestId, CancellationToken ct) =>
            db.IdempotencyRecords.AsNoTracking().SingleOrDefault(r => r.PartyId == partyId && r.RequestId == requestId)));

    /// <summary>Checks the request id's form; call with the other field checks so all violations come back at once.</summary>
    public static void CheckRequestId(string? requestId, FieldViolations violations) =>
        violations.RequireText("request_id", requestId, MaxRequestIdLength);

    private static TResponse Replay<TResponse>(IdempotencyRecord first, string method, string hash)
        where TResponse : IMessage<TResponse>, new()
    {
        if (first.Method != method || first.RequestSha256 != hash)
            throw new AlreadyExists($"request_id '{first.RequestId}' was already used for a different request.");
        var parser = new MessageParser<TResponse>(() => new TResponse());
        return parser.ParseFrom(first.Response);
    }
}
