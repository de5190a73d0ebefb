using Mediation.Api.Custody;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.Client;

/// <summary>
/// What the parties that take part in a case (requesting, holding, mediator) may each call: read the cases
/// they see, follow their events, act on the checks they own, acknowledge custody legs they are a side of,
/// record incidents. A case the party may not see answers NOT_FOUND, as if it did not exist.
/// </summary>
public abstract class CasePartyClient : MediationPartyClient
{
    private readonly CustodyKey? _custodyKey;

    private protected CasePartyClient(MediationConnection connection, string party, CustodyKey? custodyKey)
        : base(connection, party) => _custodyKey = custodyKey;

    public Task<RequestsApi.GetCaseResponse> GetCaseAsync(string name, CancellationToken ct = default) =>
        Call(o => Connection.Requests.GetCaseAsync(new() { Name = name }, o), ct);

    /// <summary>One page; pass the response's <c>next_page_token</c> as <c>page_token</c> for the next, with the same filters.</summary>
    public Task<RequestsApi.ListCasesResponse> ListCasesAsync(RequestsApi.ListCasesRequest request, CancellationToken ct = default) =>
        Call(o => Connection.Requests.ListCasesAsync(request, o), ct);

    /// <summary>Every case matching <paramref name="filter"/>, page after page (its page token is ignored).</summary>
    public async IAsyncEnumerable<RequestsApi.Case> ListAllCases(RequestsApi.ListCasesRequest? filter = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var page = filter?.Clone() ?? new RequestsApi.ListCasesRequest();
        page.PageToken = "";
        do
        {
            var response = await ListCasesAsync(page, ct);
            foreach (var c in response.Cases)
                yield return c;
            page.PageToken = response.NextPageToken;
        } while (page.PageToken.Length > 0);
    }

    public Task<RequestsApi.ListCaseEventsResponse> ListCaseEventsAsync(RequestsApi.ListCaseEventsRequest request, CancellationToken ct = default) =>
        Call(o => Connection.Requests.ListCaseEventsAsync(request, o), ct);

    /// <summary>
    /// Every event of every case this party may see, from <paramref name="cursor"/> (empty: the first event) on,
    /// as it is recorded. When the stream breaks (the service restarting, the connection lost) it reconnects
    /// from the last cursor it yielded, so nothing is missed and nothing repeats; give that cursor back after
    /// a restart of your own. Ends only when <paramref name="ct"/> is cancelled, or with a
    /// <see cref="MediationRefusal"/> for a refusal that waiting cannot fix.
    /// </summary>
    /// <param name="reconnect">How often and how fast to reconnect (default: without limit, 200 ms growing to 10 s).</param>
    public IAsyncEnumerable<RequestsApi.WatchCaseEventsResponse> WatchCaseEvents(string? cursor = null, RetryPolicy? reconnect = null, CancellationToken ct = default) =>
        CaseEventStream.Follow(Connection, cursor ?? "", reconnect ?? CaseEventStream.Reconnect, ct);

    public Task<VerificationApi.GetChecklistResponse> GetChecklistAsync(string caseName, CancellationToken ct = default) =>
        Call(o => Connection.Verification.GetChecklistAsync(new() { Name = caseName.EndsWith("/checklist", StringComparison.Ordinal) ? caseName : caseName + "/checklist" }, o), ct);

    /// <summary>The checks waiting on this party, oldest first, with their deadlines.</summary>
    public Task<VerificationApi.ListPendingChecksResponse> ListPendingChecksAsync(VerificationApi.ListPendingChecksRequest? request = null, CancellationToken ct = default) =>
        Call(o => Connection.Verification.ListPendingChecksAsync(request ?? new(), o), ct);

    public Task<VerificationApi.AttestCheckResponse> AttestCheckAsync(VerificationApi.AttestCheckRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Verification.AttestCheckAsync(request, o), ct);
    }

    public Task<VerificationApi.ProvideInformationResponse> ProvideInformationAsync(VerificationApi.ProvideInformationRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Verification.ProvideInformationAsync(request, o), ct);
    }

    public Task<HandoverApi.GetBatchResponse> GetBatchAsync(string name, CancellationToken ct = default) =>
        Call(o => Connection.Handover.GetBatchAsync(new() { Name = name }, o), ct);

    /// <summary>The case's custody receipt; check it offline with <see cref="ReceiptVerifier.Problems"/>.</summary>
    public Task<HandoverApi.GetCustodyChainResponse> GetCustodyChainAsync(string caseName, CancellationToken ct = default) =>
        Call(o => Connection.Handover.GetCustodyChainAsync(new() { Case = caseName }, o), ct);

    /// <summary>
    /// This party's signed acknowledgement of <paramref name="leg"/> for the child of <paramref name="caseName"/>:
    /// the statement of handover.proto over the case's custody chain as it reads now, signed with the party's
    /// custody key at <paramref name="at"/> (now by default). Send it with <see cref="AcknowledgeCustodyAsync(HandoverApi.AcknowledgeCustodyRequest, CancellationToken)"/>;
    /// to try again after a lost answer, send the very same request (a new signature would be new content).
    /// </summary>
    public async Task<HandoverApi.AcknowledgeCustodyRequest> SignAcknowledgementAsync(string batch, string caseName, HandoverApi.Leg leg, HandoverApi.CustodyRole role,
        DateTime? at = null, CancellationToken ct = default)
    {
        var key = _custodyKey ?? throw new InvalidOperationException($"No custody key was given for {Party}: pass its PEM key to the client to sign custody statements.");
        var chain = (await GetCustodyChainAsync(caseName, ct)).Chain;
        var request = key.SignAcknowledgement(chain, batch, leg, role, Party, at);
        request.RequestId = NewRequestId();
        return request;
    }

    public Task<HandoverApi.AcknowledgeCustodyResponse> AcknowledgeCustodyAsync(HandoverApi.AcknowledgeCustodyRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Handover.AcknowledgeCustodyAsync(request, o), ct);
    }

    /// <summary>Reads the batch's leg and the case's chain, signs this party's acknowledgement and sends it.</summary>
    public async Task<HandoverApi.AcknowledgeCustodyResponse> AcknowledgeCustodyAsync(string batch, string caseName, int leg, HandoverApi.CustodyRole role, CancellationToken ct = default)
    {
        var planned = (await GetBatchAsync(batch, ct)).Batch.Legs.FirstOrDefault(l => l.Number == leg)
            ?? throw new ArgumentOutOfRangeException(nameof(leg), leg, $"{batch} has no leg {leg}.");
        return await AcknowledgeCustodyAsync(await SignAcknowledgementAsync(batch, caseName, planned, role, ct: ct), ct);
    }

    public Task<HandoverApi.RecordIncidentResponse> RecordIncidentAsync(HandoverApi.RecordIncidentRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Handover.RecordIncidentAsync(request, o), ct);
    }
}
