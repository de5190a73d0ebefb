using Grpc.Net.Client;

namespace Mediation.Bench;

/// <summary>
/// The channel every scenario calls a service through: it opens more HTTP/2 connections as needed, so that a
/// thousand open streams, or the calls in flight, are not held to one connection's limit of concurrent streams.
/// </summary>
public static class ServiceChannel
{
    public static GrpcChannel To(string url) =>
        GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
}
