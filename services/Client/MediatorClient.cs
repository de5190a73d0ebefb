using AuditApi = Mediation.Api.Audit.V1;
using HandoverApi = Mediation.Api.Handover.V1;
using ReportsApi = Mediation.Api.Reports.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.Client;

/// <summary>
/// The mediator: reviews and forwards cases, decides on match candidates, owns the best-interests and
/// child's-views checks and may reopen a failed checklist, plans batches, takes custody at the venue,
/// releases held children, closes cases, reads and verifies every service's audit log, and reads the
/// aggregate reports the observer sees.
/// </summary>
public sealed class MediatorClient(MediationConnection connection, string party, CustodyKey? custodyKey = null)
    : CasePartyClient(connection, party, custodyKey)
{
    public Task<RequestsApi.AcceptCaseResponse> AcceptCaseAsync(RequestsApi.AcceptCaseRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.AcceptCaseAsync(request, o), ct);
    }

    public Task<RequestsApi.RejectCaseResponse> RejectCaseAsync(RequestsApi.RejectCaseRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.RejectCaseAsync(request, o), ct);
    }

    public Task<RequestsApi.MarkCaseDuplicateResponse> MarkCaseDuplicateAsync(RequestsApi.MarkCaseDuplicateRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.MarkCaseDuplicateAsync(request, o), ct);
    }

    public Task<RequestsApi.ForwardCaseResponse> ForwardCaseAsync(RequestsApi.ForwardCaseRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.ForwardCaseAsync(request, o), ct);
    }

    public Task<RequestsApi.ListMatchCandidatesResponse> ListMatchCandidatesAsync(RequestsApi.ListMatchCandidatesRequest request, CancellationToken ct = default) =>
        Call(o => Connection.Requests.ListMatchCandidatesAsync(request, o), ct);

    public Task<RequestsApi.ConfirmMatchResponse> ConfirmMatchAsync(RequestsApi.ConfirmMatchRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.ConfirmMatchAsync(request, o), ct);
    }

    public Task<RequestsApi.DismissMatchResponse> DismissMatchAsync(RequestsApi.DismissMatchRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.DismissMatchAsync(request, o), ct);
    }

    public Task<VerificationApi.ReopenChecklistResponse> ReopenChecklistAsync(VerificationApi.ReopenChecklistRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Verification.ReopenChecklistAsync(request, o), ct);
    }

    public Task<HandoverApi.PlanBatchResponse> PlanBatchAsync(HandoverApi.PlanBatchRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Handover.PlanBatchAsync(request, o), ct);
    }

    public Task<HandoverApi.ReleaseHoldResponse> ReleaseHoldAsync(HandoverApi.ReleaseHoldRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Handover.ReleaseHoldAsync(request, o), ct);
    }

    public Task<HandoverApi.CloseCaseResponse> CloseCaseAsync(HandoverApi.CloseCaseRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Handover.CloseCaseAsync(request, o), ct);
    }

    /// <summary>Entries of <paramref name="request"/>'s <c>service</c> (requests, verification or handover), asked at that service's address.</summary>
    public Task<AuditApi.ListAuditEntriesResponse> ListAuditEntriesAsync(AuditApi.ListAuditEntriesRequest request, CancellationToken ct = default) =>
        Call(o => Connection.Audit(request.Service).ListAuditEntriesAsync(request, o), ct);

    /// <summary>Recomputes <paramref name="request"/>'s <c>service</c>'s audit chain and reports its first break.</summary>
    public Task<AuditApi.VerifyAuditLogResponse> VerifyAuditLogAsync(AuditApi.VerifyAuditLogRequest request, CancellationToken ct = default) =>
        Call(o => Connection.Audit(request.Service).VerifyAuditLogAsync(request, o), ct);

    /// <summary>The same aggregate report an observer reads (small cells suppressed).</summary>
    public Task<ReportsApi.GetCaseReportResponse> GetCaseReportAsync(CancellationToken ct = default) =>
        Call(o => Connection.Reports.GetCaseReportAsync(new(), o), ct);
}
