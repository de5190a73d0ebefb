using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace Mediation.IntegrationTests;

/// <summary>Every gRPC method a host serves, as its server reflection lists them, and a way to call any of them with raw bytes.</summary>
public static class Rpcs
{
    public sealed record Rpc(string Service, string Name, string InputType, bool ServerStreaming)
    {
        /// <summary>By the API's naming (AIP-131..134): Get, List and Watch read; every other method changes something.</summary>
        public bool Mutates => !(Name.StartsWith("Get", StringComparison.Ordinal) || Name.StartsWith("List", StringComparison.Ordinal) || Name.StartsWith("Watch", StringComparison.Ordinal));

        public override string ToString() => $"{Service.Split('.')[^1]}/{Name}";
    }

    /// <summary>Health and reflection (grpc.*) are public by design: load balancers and grpcurl use them without a key.</summary>
    public static bool IsPublic(string service) => service.StartsWith("grpc.", StringComparison.Ordinal);

    public static async Task<List<Rpc>> Served(GrpcChannel channel)
    {
        var reflection = new ServerReflection.ServerReflectionClient(channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.ResponseStream.MoveNext(CancellationToken.None);
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Where(s => !IsPublic(s)).ToList();
        var rpcs = new List<Rpc>();
        foreach (var service in services)
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = service });
            await call.ResponseStream.MoveNext(CancellationToken.None);
            var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b));
            var declared = files.SelectMany(f => f.Service.Select(s => (Full: $"{f.Package}.{s.Name}", s))).Single(s => s.Full == service).s;
            rpcs.AddRange(declared.Method.Select(m => new Rpc(service, m.Name, m.InputType, m.ServerStreaming)));
        }
        await call.RequestStream.CompleteAsync();
        return rpcs;
    }

    /// <summary>Calls <paramref name="rpc"/> with <paramref name="payload"/> as the request's bytes; a stream is read for a second.</summary>
    public static async Task<StatusCode> Call(GrpcChannel channel, Rpc rpc, Metadata headers, byte[]? payload = null)
    {
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var invoker = channel.CreateCallInvoker();
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(rpc.ServerStreaming ? 1 : 10));
        try
        {
            if (rpc.ServerStreaming)
            {
                using var stream = invoker.AsyncServerStreamingCall(new Method<byte[], byte[]>(MethodType.ServerStreaming, rpc.Service, rpc.Name, bytes, bytes), null, options, payload ?? []);
                while (await stream.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, rpc.Service, rpc.Name, bytes, bytes), null, options, payload ?? []);
            }
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
