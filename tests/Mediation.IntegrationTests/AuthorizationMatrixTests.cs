using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;

namespace Mediation.IntegrationTests;

/// <summary>
/// Every gRPC method the host serves, found through server reflection (so a method added later is
/// covered without touching this test), called without credentials and as each kind of party.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public class AuthorizationMatrixTests(EmbeddedHost host)
{
    private sealed record Rpc(string Service, string Name, bool ServerStreaming)
    {
        public override string ToString() => $"{Service.Split('.')[^1]}/{Name}";
    }

    /// <summary>Health and reflection (grpc.*) are public by design: load balancers and grpcurl use them without a key.</summary>
    private static bool IsPublic(string service) => service.StartsWith("grpc.", StringComparison.Ordinal);

    private static readonly (string Party, string Key)[] OneOfEachKind =
        [("requester-1", "demo-requester-1-key"), ("holder-1", "demo-holder-1-key"), ("mediator", "demo-mediator-key"), ("observer", "demo-observer-key")];

    [Fact]
    public async Task No_method_answers_without_a_known_partys_credentials()
    {
        var rpcs = await Served();
        Assert.True(rpcs.Count >= 29, $"only {rpcs.Count} methods found");
        var answered = new List<string>();
        foreach (var rpc in rpcs)
            foreach (var headers in new[] { new Metadata(), new Metadata { { "authorization", "Bearer not-a-key" } } })
                if (await Call(rpc, headers) is var status && status != StatusCode.Unauthenticated)
                    answered.Add($"{rpc} answered {status}");
        Assert.Empty(answered);
    }

    [Fact]
    public async Task Each_kind_of_party_may_call_only_its_own_methods()
    {
        var served = await Served();
        Assert.Equal(Expected.Select(e => e.Split(' ')[0]).Distinct().Order(StringComparer.Ordinal), served.Select(r => r.ToString()).Order(StringComparer.Ordinal));
        var matrix = new List<string>();
        foreach (var rpc in served)
            foreach (var (party, key) in OneOfEachKind)
            {
                var status = await Call(rpc, new Metadata { { "authorization", "Bearer " + key }, { "x-officer", "officer-1" } });
                Assert.NotEqual(StatusCode.Unknown, status);
                Assert.NotEqual(StatusCode.Internal, status);
                Assert.NotEqual(StatusCode.Unauthenticated, status);
                matrix.Add($"{rpc} {party} {(status == StatusCode.PermissionDenied ? "refused" : "allowed")}");
            }
        Assert.True(!matrix.Except(Expected).Any() && !Expected.Except(matrix).Any(),
            $"unexpected: {string.Join("; ", matrix.Except(Expected))}\nmissing: {string.Join("; ", Expected.Except(matrix))}");
    }

    private static IEnumerable<string> Expected => new Dictionary<string, string[]>
    {
        // requests
        ["RequestsService/SubmitRequest"] = ["requester-1"],
        ["RequestsService/GetCase"] = ["requester-1", "holder-1", "mediator", "observer"],
        ["RequestsService/ListCases"] = ["requester-1", "holder-1", "mediator", "observer"],
        ["RequestsService/ListCaseEvents"] = ["requester-1", "holder-1", "mediator", "observer"],
        ["RequestsService/WatchCaseEvents"] = ["requester-1", "holder-1", "mediator", "observer"],
        ["RequestsService/AcceptCase"] = ["mediator"],
        ["RequestsService/RejectCase"] = ["mediator"],
        ["RequestsService/MarkCaseDuplicate"] = ["mediator"],
        ["RequestsService/ForwardCase"] = ["mediator"],
        ["RequestsService/ReportCaseLocated"] = ["holder-1"],
        ["RequestsService/ReportCaseNotLocated"] = ["holder-1"],
        ["RequestsService/WithdrawCase"] = ["requester-1"],
        ["RequestsService/WithdrawShareConsent"] = ["requester-1"],
        ["RequestsService/ListMatchCandidates"] = ["mediator"],
        ["RequestsService/ConfirmMatch"] = ["mediator"],
        ["RequestsService/DismissMatch"] = ["mediator"],
        // verification
        ["VerificationService/GetChecklist"] = ["requester-1", "holder-1", "mediator", "observer"],
        ["VerificationService/AttestCheck"] = ["requester-1", "holder-1", "mediator"],
        ["VerificationService/ProvideInformation"] = ["requester-1", "holder-1", "mediator"],
        ["VerificationService/ReopenChecklist"] = ["mediator"],
        ["VerificationService/ListPendingChecks"] = ["requester-1", "holder-1", "mediator", "observer"],
        // handover
        ["HandoverService/PlanBatch"] = ["mediator"],
        ["HandoverService/GetBatch"] = ["requester-1", "holder-1", "mediator", "observer"],
        ["HandoverService/AcknowledgeCustody"] = ["requester-1", "holder-1", "mediator"],
        ["HandoverService/GetCustodyChain"] = ["requester-1", "holder-1", "mediator", "observer"],
        // The mediator or a party in the batch (a batch it cannot see answers NOT_FOUND).
        ["HandoverService/RecordIncident"] = ["requester-1", "holder-1", "mediator"],
        ["HandoverService/ReleaseHold"] = ["mediator"],
        ["HandoverService/RecordFollowUpVisit"] = ["requester-1"],
        ["HandoverService/CloseCase"] = ["mediator"],
    }.SelectMany(m => OneOfEachKind.Select(k => $"{m.Key} {k.Party} {(m.Value.Contains(k.Party) ? "allowed" : "refused")}"));

    private async Task<List<Rpc>> Served()
    {
        var reflection = new ServerReflection.ServerReflectionClient(host.Channel());
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
            rpcs.AddRange(declared.Method.Select(m => new Rpc(service, m.Name, m.ServerStreaming)));
        }
        await call.RequestStream.CompleteAsync();
        return rpcs;
    }

    /// <summary>Calls with an empty request: past the party checks it fails on its content (or waits, for a stream).</summary>
    private async Task<StatusCode> Call(Rpc rpc, Metadata headers)
    {
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var invoker = host.Channel().CreateCallInvoker();
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(rpc.ServerStreaming ? 1 : 10));
        try
        {
            if (rpc.ServerStreaming)
            {
                using var stream = invoker.AsyncServerStreamingCall(new Method<byte[], byte[]>(MethodType.ServerStreaming, rpc.Service, rpc.Name, bytes, bytes), null, options, []);
                while (await stream.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, rpc.Service, rpc.Name, bytes, bytes), null, options, []);
            }
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
