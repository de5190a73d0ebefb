using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// A call to one of the services' methods over HTTP/JSON (gRPC JSON transcoding, the methods' <c>google.api.http</c>
/// rules) instead of gRPC: the same method, authentication, rate limit, interceptors and audit; its answers and its
/// refusals are JSON, a refusal a <c>google.rpc.Status</c> under the HTTP status mapped from its gRPC code.
/// </summary>
public static class JsonCall
{
    /// <summary>The <c>google.rpc</c> error details a refusal may carry, so they read as JSON objects with their <c>@type</c>.</summary>
    public static readonly TypeRegistry ErrorDetails = TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor);

    /// <summary>True when the request was routed to a method's HTTP rule (known once routing has chosen the endpoint).</summary>
    public static bool Is(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null;

    /// <summary>The gRPC method (<c>/package.Service/Method</c>) a JSON call reaches, as the audit log names calls.</summary>
    public static string? Method(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName;

    /// <summary>
    /// The HTTP status of a gRPC code, as JSON transcoding answers it (google.rpc.Code's mapping), so a refusal
    /// written before the method reads the same as one the method threw.
    /// </summary>
    public static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => 499,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The gRPC code an HTTP status stands for, for a JSON call refused before its method without one of ours.</summary>
    public static StatusCode CodeOf(int httpStatus) => httpStatus switch
    {
        < 400 => StatusCode.OK,
        StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType => StatusCode.InvalidArgument,
        StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
        StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
        StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => StatusCode.NotFound,
        StatusCodes.Status409Conflict => StatusCode.Aborted,
        StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
        499 => StatusCode.Cancelled,
        StatusCodes.Status501NotImplemented => StatusCode.Unimplemented,
        StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
        StatusCodes.Status504GatewayTimeout => StatusCode.DeadlineExceeded,
        _ => StatusCode.Internal,
    };

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(ErrorDetails).WithFormatDefaultValues(true));
    private const string RefusedKey = "mediation:json-refused";

    /// <summary>Answers a JSON call refused before its method: the mapped HTTP status, a <c>google.rpc.Status</c> body.</summary>
    public static Task Refuse(HttpContext http, StatusCode code, string message, IMessage? detail = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (detail is not null)
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(detail));
        http.Items[RefusedKey] = code;
        http.Response.StatusCode = HttpStatusOf(code);
        http.Response.ContentType = "application/json; charset=utf-8";
        // Compact, as the answers JSON transcoding writes itself.
        return http.Response.WriteAsync(System.Text.Json.Nodes.JsonNode.Parse(Formatter.Format(status))!.ToJsonString());
    }

    /// <summary>The code a JSON call was refused with before its method: ours if we wrote it, else the one its HTTP status stands for.</summary>
    public static StatusCode RefusedWith(HttpContext http) =>
        http.Items.TryGetValue(RefusedKey, out var code) && code is StatusCode refused ? refused : CodeOf(http.Response.StatusCode);
}
