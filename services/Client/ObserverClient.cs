using ReportsApi = Mediation.Api.Reports.V1;

namespace Mediation.Client;

/// <summary>
/// An observer (e.g. a monitoring body): sees aggregates only, never a case. It has no case calls — the
/// service would answer each NOT_FOUND or empty — only the reports API's.
/// </summary>
public sealed class ObserverClient(MediationConnection connection, string party) : MediationPartyClient(connection, party)
{
    /// <summary>Every case in aggregate, small cells withheld (docs/partners.md, "Reports: aggregates for the observer").</summary>
    public async Task<ReportsApi.CaseReport> GetCaseReportAsync(CancellationToken ct = default) =>
        (await Call(o => Connection.Reports.GetCaseReportAsync(new ReportsApi.GetCaseReportRequest(), o), ct)).Report;
}
