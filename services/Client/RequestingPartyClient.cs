using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Client;

/// <summary>
/// A requesting party (e.g. a ministry asking for its children back): submits requests, follows and may
/// withdraw its cases, attests the checks it owns, acknowledges custody at the crossing and the
/// claimant's receipt, records follow-up visits.
/// </summary>
public sealed class RequestingPartyClient(MediationConnection connection, string party, CustodyKey? custodyKey = null)
    : CasePartyClient(connection, party, custodyKey)
{
    /// <summary>One case per child. A retry (same request, same request id) answers the cases the first call made.</summary>
    public Task<RequestsApi.SubmitRequestResponse> SubmitRequestAsync(RequestsApi.SubmitRequestRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.SubmitRequestAsync(request, o), ct);
    }

    public Task<RequestsApi.WithdrawCaseResponse> WithdrawCaseAsync(RequestsApi.WithdrawCaseRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.WithdrawCaseAsync(request, o), ct);
    }

    public Task<RequestsApi.WithdrawShareConsentResponse> WithdrawShareConsentAsync(RequestsApi.WithdrawShareConsentRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.WithdrawShareConsentAsync(request, o), ct);
    }

    public Task<HandoverApi.RecordFollowUpVisitResponse> RecordFollowUpVisitAsync(HandoverApi.RecordFollowUpVisitRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Handover.RecordFollowUpVisitAsync(request, o), ct);
    }
}
