using Grpc.Core;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// A caller's request the domain refuses. Each kind maps to one gRPC status in one place
/// (<see cref="RefusalInterceptor"/>), so handlers and domain code never build statuses themselves.
/// </summary>
public abstract class Refusal(StatusCode code, string message) : Exception(message)
{
    public StatusCode Code { get; } = code;

    /// <summary>The <c>google.rpc</c> detail that tells a partner's program what to do, when the kind has one.</summary>
    public virtual Google.Protobuf.IMessage? Detail => null;
}

/// <summary>INVALID_ARGUMENT, with every field violation at once.</summary>
public sealed class InvalidInput(FieldViolations violations)
    : Refusal(StatusCode.InvalidArgument, violations.Summary)
{
    public FieldViolations Violations { get; } = violations;
}

/// <summary>NOT_FOUND: it does not exist, or the caller may not know it exists.</summary>
public sealed class NotFound(string resource) : Refusal(StatusCode.NotFound, $"{resource} not found.");

/// <summary>FAILED_PRECONDITION: the resource's state does not allow this now.</summary>
public sealed class TransitionRefused(string message) : Refusal(StatusCode.FailedPrecondition, message);

/// <summary>PERMISSION_DENIED: a known party doing what its kind or role may not.</summary>
public sealed class NotPermitted(string message) : Refusal(StatusCode.PermissionDenied, message);

/// <summary>ALREADY_EXISTS: e.g. a request id reused for different content.</summary>
public sealed class AlreadyExists(string message) : Refusal(StatusCode.AlreadyExists, message);

/// <summary>
/// RESOURCE_EXHAUSTED: a party's quota (e.g. its open cases) would be passed; nothing was stored. A
/// <c>google.rpc.QuotaFailure</c> names the party and the limit.
/// </summary>
public sealed class QuotaExceeded(string subject, string message) : Refusal(StatusCode.ResourceExhausted, message)
{
    public override Google.Protobuf.IMessage? Detail => new Google.Rpc.QuotaFailure
    {
        Violations = { new Google.Rpc.QuotaFailure.Types.Violation { Subject = subject, Description = Message } },
    };
}

/// <summary>UNAVAILABLE: a service this call depends on did not answer in time; nothing was changed, retry later.</summary>
public sealed class PeerUnavailable(string message) : Refusal(StatusCode.Unavailable, message);

/// <summary>ABORTED: other changes to the same resource kept winning the race; nothing was changed, retry with the same request id.</summary>
public sealed class ConcurrentChange(string message) : Refusal(StatusCode.Aborted, message);

/// <summary>RESOURCE_EXHAUSTED: the caller holds as much of something as it may (e.g. open event streams); end one first.</summary>
public sealed class OverLimit(string message) : Refusal(StatusCode.ResourceExhausted, message);
