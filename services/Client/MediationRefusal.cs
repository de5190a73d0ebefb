using Google.Rpc;
using Grpc.Core;

namespace Mediation.Client;

/// <summary>
/// The service refused a call (or it could not be made within the retry policy): the gRPC status with its
/// <c>google.rpc</c> details decoded — which fields were wrong, which precondition failed, which quota was
/// hit, when to try again.
/// </summary>
public sealed class MediationRefusal : Exception
{
    internal MediationRefusal(RpcException refusal, int attempts)
        : base(refusal.Status.Detail, refusal)
    {
        Code = refusal.StatusCode;
        Attempts = attempts;
        Details = refusal.GetRpcStatus();
        FieldViolations = Details?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];
        PreconditionViolations = Details?.GetDetail<PreconditionFailure>()?.Violations.ToList() ?? [];
        QuotaViolations = Details?.GetDetail<QuotaFailure>()?.Violations.ToList() ?? [];
        RetryDelay = Details?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
    }

    /// <summary>The gRPC status code (DESIGN.md §5 / docs/partners.md say what each means).</summary>
    public StatusCode Code { get; }

    /// <summary>How many attempts were made (more than one when failures that pass were retried).</summary>
    public int Attempts { get; }

    /// <summary>The full <c>google.rpc.Status</c> when the service sent one.</summary>
    public Google.Rpc.Status? Details { get; }

    /// <summary>From a <c>google.rpc.BadRequest</c>: each field that was wrong and why, e.g. <c>children[3].child.birth_date</c>.</summary>
    public IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations { get; }

    /// <summary>From a <c>google.rpc.PreconditionFailure</c>.</summary>
    public IReadOnlyList<PreconditionFailure.Types.Violation> PreconditionViolations { get; }

    /// <summary>From a <c>google.rpc.QuotaFailure</c> (e.g. a party's open cases).</summary>
    public IReadOnlyList<QuotaFailure.Types.Violation> QuotaViolations { get; }

    /// <summary>From a <c>google.rpc.RetryInfo</c>: how long the service asked the caller to wait.</summary>
    public TimeSpan? RetryDelay { get; }

    public override string ToString()
    {
        var lines = new List<string> { $"{Code}: {Message}" };
        lines.AddRange(FieldViolations.Select(v => $"  {v.Field}: {v.Description}"));
        lines.AddRange(PreconditionViolations.Select(v => $"  {v.Type} {v.Subject}: {v.Description}"));
        lines.AddRange(QuotaViolations.Select(v => $"  {v.Subject}: {v.Description}"));
        if (RetryDelay is { } delay)
            lines.Add($"  retry after {delay}");
        return string.Join(Environment.NewLine, lines);
    }
}
