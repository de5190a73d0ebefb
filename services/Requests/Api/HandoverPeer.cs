using Grpc.Core;
using Grpc.Net.Client;
using Mediation.BuildingBlocks.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using HandoverApi = Mediation.Api.Handover.V1;

namespace Mediation.Requests.Api;

/// <summary>
/// The handover service, asked over gRPC where this service cannot wait for the bus: whether a case has
/// already joined a handover batch. Each call carries a deadline (<c>Peers:Deadline</c>, default 2 s), the
/// caller's cancellation and the caller's own credentials, so the peer applies the caller's rights.
/// Its address is <c>Peers:Handover</c>; in the embedded host, this very process.
/// </summary>
public sealed class HandoverPeer(string? address, TimeSpan deadline, IServer server) : IDisposable
{
    private readonly TimeSpan _deadline = deadline;
    private readonly Lazy<GrpcChannel> _channel = new(() => GrpcChannel.ForAddress(
        address is { Length: > 0 }
            ? address
            : server.Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost")));

    /// <summary>True once the case is in a batch, reunited or closed; false while it waits for one or is unknown there.</summary>
    public async Task<bool> HasStarted(string caseName, ServerCallContext context)
    {
        var headers = new Metadata();
        foreach (var header in context.RequestHeaders.Where(h => h.Key is "authorization" or "x-officer"))
            headers.Add(header.Key, header.Value);
        try
        {
            var chain = await new HandoverApi.HandoverService.HandoverServiceClient(_channel.Value)
                .GetCustodyChainAsync(new() { Case = caseName }, headers, DateTime.UtcNow + _deadline, context.CancellationToken);
            return chain.Chain.State is not (HandoverApi.HandoverCaseState.AwaitingBatch or HandoverApi.HandoverCaseState.Withdrawn);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Unavailable)
        {
            throw new PeerUnavailable(
                $"The handover service did not answer within {_deadline.TotalSeconds:0.#} s, so it is not known whether the child has joined a handover; nothing was changed. Retry later.");
        }
    }

    public void Dispose()
    {
        if (_channel.IsValueCreated)
            _channel.Value.Dispose();
    }
}
