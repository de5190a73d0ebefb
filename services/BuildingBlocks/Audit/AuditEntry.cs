namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// One call to a service, as its audit log keeps it: who (party and officer), what (method and case),
/// when, and how it ended. Each entry is chained to the one before by <see cref="Hash"/>
/// (<see cref="AuditChain"/>); rows are only ever inserted.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3… with no gap: a missing number is a removed entry.</summary>
    public long Sequence { get; set; }

    /// <summary>UTC, to the microsecond (what both databases keep exactly).</summary>
    public DateTime At { get; set; }

    /// <summary>The service whose log this is: <c>requests</c>, <c>verification</c>, <c>handover</c>.</summary>
    public string Service { get; set; } = "";

    /// <summary>The calling party's id, from its credentials; empty when the caller was not authenticated.</summary>
    public string PartyId { get; set; } = "";

    /// <summary>The officer the caller named in <c>x-officer</c>, if any (recorded, never trusted).</summary>
    public string? Officer { get; set; }

    /// <summary>The full gRPC method, e.g. <c>/mediation.requests.v1.RequestsService/GetCase</c>.</summary>
    public string Call { get; set; } = "";

    /// <summary>The case the call named or returned, if one.</summary>
    public string? CaseId { get; set; }

    /// <summary>The gRPC status code's name: <c>OK</c>, <c>NOT_FOUND</c>, <c>PERMISSION_DENIED</c>…</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The previous entry's <see cref="Hash"/>; 64 zeros for the first.</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>HMAC-SHA256 (hex) of every field above, under the chain key.</summary>
    public string Hash { get; set; } = "";
}
