using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// Refuses a gRPC call before it reaches its method (authorization, rate limit) with a trailers-only
/// response: HTTP 200 carrying <c>grpc-status</c>, <c>grpc-message</c> and, with a detail, the
/// <c>google.rpc.Status</c> in <c>grpc-status-details-bin</c>. Every gRPC client reads it as the call's status.
/// </summary>
public static class TrailersOnlyRefusal
{
    public static void Write(HttpResponse response, StatusCode code, string message, IMessage? detail = null)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncoded(message);
        if (detail is not null)
        {
            var status = new Google.Rpc.Status { Code = (int)code, Message = message };
            status.Details.Add(Any.Pack(detail));
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
        }
    }

    /// <summary>gRPC's encoding of grpc-message: printable ASCII as is, '%' and everything else as %XX of its UTF-8 bytes.</summary>
    private static string PercentEncoded(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
            text.Append(b is >= 0x20 and <= 0x7E and not (byte)'%' ? ((char)b).ToString() : $"%{b:X2}");
        return text.ToString();
    }
}
