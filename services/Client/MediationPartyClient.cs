using Grpc.Core;

namespace Mediation.Client;

/// <summary>
/// What every party's client shares: the connection, the party it acts for, and how a call is made — one
/// request id per logical operation, kept on the request so that every retry (and any later call with the
/// same request object) carries it. Each kind of party has its own client exposing only what it may call.
/// </summary>
public abstract class MediationPartyClient
{
    private protected MediationPartyClient(MediationConnection connection, string party)
    {
        Connection = connection;
        Party = PartyName(party);
    }

    public MediationConnection Connection { get; }

    /// <summary>The party's resource name, <c>parties/{id}</c>. The service knows the caller from its credentials; this names it in what it signs.</summary>
    public string Party { get; }

    /// <summary>A fresh request id: one per logical operation, reused by its retries.</summary>
    public static string NewRequestId() => Guid.CreateVersion7().ToString("N");

    /// <summary><paramref name="requestId"/>, or a new one when the caller chose none.</summary>
    private protected static string RequestIdOr(string requestId) => string.IsNullOrEmpty(requestId) ? NewRequestId() : requestId;

    private protected Task<T> Call<T>(Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken ct) =>
        CallAttempts.Run(Connection.Retries, async deadline =>
        {
            using var attempt = call(Connection.Options(ct, deadline));
            return await attempt.ResponseAsync;
        }, ct);

    private static string PartyName(string party) =>
        string.IsNullOrWhiteSpace(party) ? throw new ArgumentException("The party's id is required, e.g. parties/holder-1.", nameof(party))
        : party.StartsWith("parties/", StringComparison.Ordinal) ? party : "parties/" + party;
}
