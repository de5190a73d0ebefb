using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// <c>--probe &lt;url&gt; &lt;grpc service&gt;</c>: asks a running service for its gRPC health and exits 0 when
/// SERVING. Container health checks use it, since the runtime image has no gRPC client of its own.
/// </summary>
public static class HealthProbe
{
    public static bool Requested(string[] args, out int exitCode)
    {
        exitCode = 0;
        var at = Array.IndexOf(args, "--probe");
        if (at < 0)
            return false;
        if (args.Length < at + 3)
        {
            Console.Error.WriteLine("usage: --probe <url> <grpc service>");
            exitCode = 2;
            return true;
        }
        try
        {
            using var channel = GrpcChannel.ForAddress(args[at + 1]);
            var answer = new Health.HealthClient(channel).Check(new HealthCheckRequest { Service = args[at + 2] }, deadline: DateTime.UtcNow.AddSeconds(3));
            Console.WriteLine(answer.Status);
            exitCode = answer.Status == HealthCheckResponse.Types.ServingStatus.Serving ? 0 : 1;
        }
        catch (Grpc.Core.RpcException e)
        {
            Console.WriteLine(e.StatusCode);
            exitCode = 1;
        }
        return true;
    }
}
