using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Mediation.Bench;
using RequestsApi = Mediation.Api.Requests.V1;

// Usage (scripts/bench.sh drives this):
//   Mediation.Bench echo-server --urls http://127.0.0.1:PORT
//   Mediation.Bench echo   --target URL [--concurrency N] [--seconds S] [--warmup S]
//   Mediation.Bench intake --target URL --key API_KEY [--concurrency N] [--seconds S] [--warmup S]
// Prints one name=value line per figure.
if (args.Length == 0 || args[0] is "--help" or "-h")
{
    Console.WriteLine("usage: Mediation.Bench echo-server --urls URL | echo --target URL | intake --target URL --key KEY  [--concurrency N] [--seconds S] [--warmup S]");
    return args.Length == 0 ? 2 : 0;
}
if (args[0] == "echo-server")
{
    await EchoServer.Run(args[1..]);
    return 0;
}

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
var target = new Uri(Option("--target", "http://127.0.0.1:5080"));
var concurrency = int.Parse(Option("--concurrency", "32"), CultureInfo.InvariantCulture);
var seconds = TimeSpan.FromSeconds(double.Parse(Option("--seconds", "10"), CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(double.Parse(Option("--warmup", "3"), CultureInfo.InvariantCulture));
using var channel = GrpcChannel.ForAddress(target, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
var run = Guid.NewGuid().ToString("N")[..8];

Load.Result result;
switch (args[0])
{
    case "echo":
        var echo = new EchoService.EchoServiceClient(channel);
        // The same bytes as an average intake call, so both baselines move the same payload.
        var payload = ByteString.CopyFrom(IntakeRequests.For(run, 5).ToByteArray());
        result = await Load.Run(concurrency, warmup, seconds, (_, _) => echo.EchoAsync(new EchoRequest { Payload = payload }).ResponseAsync);
        break;
    case "intake":
        var requests = new RequestsApi.RequestsService.RequestsServiceClient(channel);
        var headers = new Metadata { { "authorization", "Bearer " + Option("--key", "demo-requester-1-key") }, { "x-officer", "bench" } };
        result = await Load.Run(concurrency, warmup, seconds, (_, n) => requests.SubmitRequestAsync(IntakeRequests.For(run, n), headers).ResponseAsync);
        break;
    default:
        Console.Error.WriteLine($"unknown scenario '{args[0]}'");
        return 2;
}

var scenario = args[0];
Console.WriteLine(FormattableString.Invariant($"{scenario}.calls_per_s={result.CallsPerSecond:0.0}"));
Console.WriteLine($"{scenario}.p50_us={result.P50}");
Console.WriteLine($"{scenario}.p90_us={result.P90}");
Console.WriteLine($"{scenario}.p99_us={result.P99}");
Console.WriteLine($"{scenario}.max_us={result.Max}");
Console.WriteLine($"{scenario}.calls={result.Calls}");
Console.WriteLine($"{scenario}.errors={result.Errors}");
return result.Errors == 0 ? 0 : 1;
