using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Client;

/// <summary>
/// A holding party (the side where the child is): reports each case forwarded to it located or not,
/// attests the checks it owns, hands the child over on the first custody leg.
/// </summary>
public sealed class HoldingPartyClient(MediationConnection connection, string party, CustodyKey? custodyKey = null)
    : CasePartyClient(connection, party, custodyKey)
{
    public Task<RequestsApi.ReportCaseLocatedResponse> ReportCaseLocatedAsync(RequestsApi.ReportCaseLocatedRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.ReportCaseLocatedAsync(request, o), ct);
    }

    public Task<RequestsApi.ReportCaseNotLocatedResponse> ReportCaseNotLocatedAsync(RequestsApi.ReportCaseNotLocatedRequest request, CancellationToken ct = default)
    {
        request.RequestId = RequestIdOr(request.RequestId);
        return Call(o => Connection.Requests.ReportCaseNotLocatedAsync(request, o), ct);
    }
}
