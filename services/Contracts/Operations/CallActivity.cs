namespace Mediation.Contracts;

/// <summary>Calls one gRPC service answered with one status in an <see cref="InstanceActivityReported"/> window (over gRPC or HTTP/JSON).</summary>
/// <param name="Service">The gRPC service's full name, e.g. <c>mediation.requests.v1.Requests</c>.</param>
/// <param name="Status">The gRPC status code's name, e.g. <c>OK</c>, <c>PERMISSION_DENIED</c>.</param>
public record CallActivity(string Service, string Status, long Count);
