using Grpc.Core;
using Grpc.Core.Interceptors;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.ClientTests;

/// <summary>
/// The answer to a submission lost on its way back, as when a connection drops after the service committed:
/// the next submission is carried out, then its caller gets UNAVAILABLE. Records every submission's request id.
/// </summary>
public sealed class AnswerLostOnce : Interceptor
{
    private int _toLose;
    private readonly List<string> _requestIds = [];

    public void LoseNext() => Interlocked.Exchange(ref _toLose, 1);

    public IReadOnlyList<string> RequestIds
    {
        get
        {
            lock (_requestIds)
                return [.. _requestIds];
        }
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is not RequestsApi.SubmitRequestRequest submission)
            return await continuation(request, context);
        lock (_requestIds)
            _requestIds.Add(submission.RequestId);
        var answer = await continuation(request, context);
        if (Interlocked.Exchange(ref _toLose, 0) == 1)
            throw new RpcException(new Status(StatusCode.Unavailable, "the connection dropped before the answer left"));
        return answer;
    }
}
