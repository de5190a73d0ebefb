using Grpc.Core;

namespace Mediation.IntegrationTests;

/// <summary>
/// Every gRPC method the host serves, found through server reflection (so a method added later is
/// covered without touching this test), called without credentials and as each kind of party.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public class AuthorizationMatrixTests(EmbeddedHost host)
{
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
        // reports: aggregates, for the observer and the mediator alone
        ["ReportsService/GetCaseReport"] = ["mediator", "observer"],
        // audit
        ["AuditLogService/ListAuditEntries"] = ["mediator"],
        ["AuditLogService/VerifyAuditLog"] = ["mediator"],
    }.SelectMany(m => OneOfEachKind.Select(k => $"{m.Key} {k.Party} {(m.Value.Contains(k.Party) ? "allowed" : "refused")}"));

    private Task<List<Rpcs.Rpc>> Served() => Rpcs.Served(host.Channel());

    private Task<StatusCode> Call(Rpcs.Rpc rpc, Metadata headers) => Rpcs.Call(host.Channel(), rpc, headers);
}
