using ReportsApi = Mediation.Api.Reports.V1;

namespace Mediation.Client;

/// <summary>
/// An observer (e.g. a monitoring body): sees the cases in aggregate only — counts with small cells suppressed,
/// never a case or a name. Case calls would answer NOT_FOUND or nothing, so it has none.
/// </summary>
public sealed class ObserverClient(MediationConnection connection, string party) : MediationPartyClient(connection, party)
{
    /// <summary>Every case of the deployment counted by stage, age band, region found in, month and holding party.</summary>
    public Task<ReportsApi.GetCaseReportResponse> GetCaseReportAsync(CancellationToken ct = default) =>
        Call(o => Connection.Reports.GetCaseReportAsync(new(), o), ct);
}
