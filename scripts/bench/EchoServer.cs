using Grpc.Core;

namespace Mediation.Bench;

/// <summary>The bare baseline: same Kestrel, same HTTP/2, same gRPC pipeline, no work.</summary>
public sealed class EchoServer : EchoService.EchoServiceBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Payload = request.Payload });

    public static Task Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        var app = builder.Build();
        app.MapGrpcService<EchoServer>();
        return app.RunAsync();
    }
}
