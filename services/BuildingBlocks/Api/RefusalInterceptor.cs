using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// The one place where outcomes become gRPC statuses. A <see cref="Refusal"/> becomes its status with
/// <c>google.rpc</c> details; anything unexpected becomes INTERNAL with no exception text or stack,
/// and is logged (by type and call, with no request content) for the operators.
/// </summary>
public sealed class RefusalInterceptor(ILogger<RefusalInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    private RpcException Translate(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            case InvalidInput invalid:
                var badRequest = new BadRequest();
                foreach (var (field, description) in invalid.Violations.Items)
                    badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
                return ToException(invalid, badRequest);
            case Refusal refusal:
                return ToException(refusal, refusal.Detail);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
            default:
                logger.LogError("Unexpected {ExceptionType} in {Method}: {Message}", e.GetType().Name, context.Method, e.Message);
                return new RpcException(new Grpc.Core.Status(StatusCode.Internal,
                    $"Internal error; the operators can trace it by id {context.GetHttpContext().TraceIdentifier}."));
        }
    }

    private static RpcException ToException(Refusal refusal, Google.Protobuf.IMessage? detail)
    {
        var status = new Google.Rpc.Status { Code = (int)refusal.Code, Message = refusal.Message };
        if (detail is not null)
            status.Details.Add(Any.Pack(detail));
        return status.ToRpcException();
    }
}
