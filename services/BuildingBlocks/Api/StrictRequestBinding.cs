using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// Binds each gRPC service's methods as grpc-dotnet's own binder does (through the generated BindService), with one
/// difference: bytes that are not the request message — a wrong wire type, a truncated field, nesting past the
/// limit — are the caller's mistake and get INVALID_ARGUMENT, where grpc-dotnet would answer UNKNOWN.
/// </summary>
public sealed class StrictRequestBinding<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } bind)
                continue;
            var method = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
                [typeof(ServiceBinderBase), type]);
            method?.Invoke(null, [new Binder(context), null]);
            return;
        }
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Strict(method), Metadata(method.Name),
                Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Strict(method), Metadata(method.Name),
                Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Strict(method), Metadata(method.Name),
                Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Strict(method), Metadata(method.Name),
                Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

        // The service's implementation of the method, called on the instance made for each call.
        private static TDelegate Invoker<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate =>
            (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), Implementation(name, parameters));

        private static MethodInfo Implementation(string name, Type[] parameters) =>
            typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {name}.");

        // As grpc-dotnet gives them: the service's and the method's attributes, for authorization and the like.
        private static List<object> Metadata(string name) =>
            [.. typeof(TService).GetCustomAttributes(inherit: true), .. typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name == name).SelectMany(m => m.GetCustomAttributes(inherit: true))];

        private static Method<TRequest, TResponse> Strict<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
            new(method.Type, method.ServiceName, method.Name, Strict(method.RequestMarshaller), method.ResponseMarshaller);

        private static Marshaller<TRequest> Strict<TRequest>(Marshaller<TRequest> marshaller) =>
            Marshallers.Create(marshaller.ContextualSerializer, context =>
            {
                try
                {
                    return marshaller.ContextualDeserializer(context);
                }
                catch (InvalidProtocolBufferException e)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"The request is not a {typeof(TRequest).Name} message: {e.Message}"));
                }
            });
    }
}
