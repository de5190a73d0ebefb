using Google.Protobuf;
using Grpc.Core;
using Mediation.BuildingBlocks.Parties;
using Mediation.BuildingBlocks.Persistence;

namespace Mediation.BuildingBlocks.Api;

/// <summary>Who is changing what, and when: handed to a mutating call's change.</summary>
public sealed record Mutation(Caller Caller, string Officer, DateTime Now, CancellationToken Cancellation)
{
    public Party Party => Caller.Party;
}

/// <summary>
/// A stored first answer, as <paramref name="caller"/> may see it today: each service re-renders the resources in it
/// through the same rules its reads use, so a replay never hands out what a read would not.
/// </summary>
public delegate Task<TResponse> Replay<TResponse>(TResponse first, Caller caller, CancellationToken ct);

/// <summary>
/// The shape of every mutating RPC, in one place: the caller's kind is checked first (PERMISSION_DENIED;
/// an observer is refused every change),
/// then the request in full (INVALID_ARGUMENT with every violation), then the acting officer; then the
/// change, its events and its answer commit together, once per request id (<see cref="IdempotentCall"/>); a retry
/// gets the first answer through <paramref name="replay"/>, which every call must say.
/// </summary>
public static class MutatingCall
{
    public static Task<TResponse> Mutate<TResponse>(
        this ServiceDbContext db, ServerCallContext context, TimeProvider clock, IMessage request, string requestId,
        Action<FieldViolations, DateTime>? check, Func<Mutation, Task<TResponse>> change, Replay<TResponse> replay,
        (PartyKind Kind, string Action)? only = null)
        where TResponse : IMessage<TResponse>, new()
    {
        var caller = Caller.From(context);
        // An observer monitors; it never changes a case, whatever the method.
        if (caller.Kind == PartyKind.Observer)
            throw new NotPermitted("An observer party reads aggregates only; it changes nothing.");
        if (only is { } rule)
            caller.RequireKind(rule.Kind, rule.Action);
        var now = clock.GetUtcNow().UtcDateTime;
        var violations = new FieldViolations();
        IdempotentCall.CheckRequestId(requestId, violations);
        check?.Invoke(violations, now);
        violations.ThrowIfAny();
        var mutation = new Mutation(caller, caller.RequireOfficer(), now, context.CancellationToken);
        return db.Run(caller, requestId, request, () => change(mutation), first => replay(first, caller, context.CancellationToken), now, context.CancellationToken);
    }
}
