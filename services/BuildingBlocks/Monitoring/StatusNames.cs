using Grpc.Core;

namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>gRPC status codes by their canonical names (<c>PERMISSION_DENIED</c>), as the protocol and the API's documentation spell them.</summary>
public static class StatusNames
{
    private static readonly Dictionary<StatusCode, string> Names = new()
    {
        [StatusCode.OK] = "OK",
        [StatusCode.Cancelled] = "CANCELLED",
        [StatusCode.Unknown] = "UNKNOWN",
        [StatusCode.InvalidArgument] = "INVALID_ARGUMENT",
        [StatusCode.DeadlineExceeded] = "DEADLINE_EXCEEDED",
        [StatusCode.NotFound] = "NOT_FOUND",
        [StatusCode.AlreadyExists] = "ALREADY_EXISTS",
        [StatusCode.PermissionDenied] = "PERMISSION_DENIED",
        [StatusCode.ResourceExhausted] = "RESOURCE_EXHAUSTED",
        [StatusCode.FailedPrecondition] = "FAILED_PRECONDITION",
        [StatusCode.Aborted] = "ABORTED",
        [StatusCode.OutOfRange] = "OUT_OF_RANGE",
        [StatusCode.Unimplemented] = "UNIMPLEMENTED",
        [StatusCode.Internal] = "INTERNAL",
        [StatusCode.Unavailable] = "UNAVAILABLE",
        [StatusCode.DataLoss] = "DATA_LOSS",
        [StatusCode.Unauthenticated] = "UNAUTHENTICATED",
    };

    private static readonly Dictionary<string, StatusCode> Codes = Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);

    public static string Of(StatusCode status) => Names.TryGetValue(status, out var name) ? name : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string name, out StatusCode status) => Codes.TryGetValue(name, out status);
}
