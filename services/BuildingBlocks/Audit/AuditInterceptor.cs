using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Mediation.BuildingBlocks.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// Records every call that reaches a method in the audit log of the service it belongs to: the outcome
/// (outside <see cref="Api.RefusalInterceptor"/>, so it sees the final status) and the cases (those the request
/// names and, always, those the answer hands out or creates: <see cref="AuditedCaseFields"/>), and answers only
/// once the entry has committed. Calls refused before they reach a method are recorded by <see cref="AuditedRefusals"/>.
/// </summary>
public sealed class AuditInterceptor(AuditTrails trails) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var http = context.GetHttpContext();
        if (trails.ForCall(context.Method, request as IMessage, http.RequestServices) is not { } trail)
            return await continuation(request, context);
        var started = StartOf(http);
        var cases = request is IMessage message ? AuditedCases.Named(message) : [];
        TResponse response;
        try
        {
            response = await continuation(request, context);
        }
        catch (Exception e)
        {
            await AuditedCall.Record(http, trail, context.Method, CallStatus.Of(e), cases, started);
            throw;
        }
        if (response is IMessage answer)
            AuditedCases.Returned(answer, cases);
        await AuditedCall.Record(http, trail, context.Method, StatusCode.OK, cases, started);
        return response;
    }

    /// <summary>A stream is recorded when it ends, with the cases it named or sent.</summary>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var http = context.GetHttpContext();
        if (trails.ForCall(context.Method, request as IMessage, http.RequestServices) is not { } trail)
        {
            await continuation(request, responseStream, context);
            return;
        }
        var started = StartOf(http);
        var named = request is IMessage message ? AuditedCases.Named(message) : [];
        var sent = new CaseCollectingWriter<TResponse>(responseStream, named,
            cases => AuditedCall.Record(http, trail, context.Method, StatusCode.OK, cases, started));
        var outcome = StatusCode.OK;
        try
        {
            await continuation(request, sent, context);
        }
        catch (Exception e)
        {
            outcome = CallStatus.Of(e);
            throw;
        }
        finally
        {
            await AuditedCall.Record(http, trail, context.Method, outcome, sent.Cases, started);
        }
    }

    /// <summary>
    /// How many cases a stream may send before they are recorded: a stream can run for days and send every
    /// case its party has, so its cases are recorded in batches as it goes (outcome <c>OK</c>, they were sent),
    /// the rest when it ends, with how it ended. Every case is recorded, and the stream holds no more than a
    /// batch; a case sent again after its batch was recorded is recorded again.
    /// </summary>
    public const int StreamBatch = 100;

    /// <summary>When the call reached its method, on the service's clock: the start of its step in a case's flow.</summary>
    private static DateTime StartOf(Microsoft.AspNetCore.Http.HttpContext http) =>
        (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    private sealed class CaseCollectingWriter<T>(IServerStreamWriter<T> inner, List<string> named, Func<List<string>, Task> record) : IServerStreamWriter<T>
    {
        /// <summary>The cases named or sent since the last batch was recorded.</summary>
        public List<string> Cases { get; private set; } = named;

        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public async Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            if (message is IMessage sent)
            {
                AuditedCases.Returned(sent, Cases);
                // Recorded before the message that fills the batch leaves: no stream runs more than a batch ahead of its log.
                if (Cases.Count >= StreamBatch)
                {
                    var full = Cases;
                    Cases = [];
                    await record(full);
                }
            }
            await inner.WriteAsync(message, cancellationToken);
        }
    }
}
