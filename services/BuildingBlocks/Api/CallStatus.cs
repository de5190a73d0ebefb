using Grpc.Core;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// The status a call ends with when its method throws, as the audit log records it and the graphs count it: by then
/// the refusal interceptor has turned every caller's mistake into an RpcException with its precise status.
/// </summary>
public static class CallStatus
{
    public static StatusCode Of(Exception e) => e switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException => StatusCode.Cancelled,
        _ => StatusCode.Internal,
    };
}
