using Google.Protobuf;
using Grpc.Core;
using Mediation.Host.Demo;
using ReportsApi = Mediation.Api.Reports.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// The observer's report over <see cref="ReportCases"/>, on SQLite and on PostgreSQL: figures of 5 children or more
/// shown, smaller ones withheld, and the cells that would give a withheld one back withheld too.
/// </summary>
public abstract class CaseReportTests(EmbeddedHost host)
{
    private readonly PartyClient _observer = host.Party("observer");

    private async Task<ReportsApi.CaseReport> Report(PartyClient party)
    {
        await ReportCases.SeedOnce(host);
        return (await new ReportsApi.ReportsService.ReportsServiceClient(host.Channel()).GetCaseReportAsync(new(), party.Headers)).Report;
    }

    private static string Shown(ReportsApi.Breakdown breakdown) =>
        string.Join(", ", breakdown.Cells.Select(c => $"{c.Key}={(c.Figure.Suppressed ? "withheld" : c.Figure.Children.ToString())}"));

    [Fact]
    public async Task Stages_shows_cells_of_five_or_more_and_withholds_one_more_where_the_small_ones_hold_fewer_than_five()
    {
        var report = await Report(_observer);
        Assert.False(report.Cases.Suppressed);
        Assert.Equal(27, report.Cases.Children);
        Assert.Equal(5, report.MinCellChildren);
        // SUBMITTED 1 and LOCATED 3 hold 4 children together: the total less the rest would give that back, so the
        // smallest cell shown (NOT_LOCATED 6, the first of the two sixes) is withheld too.
        Assert.Equal(
            "SUBMITTED=withheld, ACCEPTED=0, REJECTED=0, DUPLICATE=0, FORWARDED=0, LOCATED=withheld, NOT_LOCATED=withheld, IN_VERIFICATION=0, "
            + "VERIFIED=0, VERIFICATION_FAILED=0, IN_HANDOVER=0, REUNITED=6, CLOSED=11, WITHDRAWN=0",
            Shown(report.ByStage));
    }

    [Fact]
    public async Task A_lone_small_cell_takes_the_smallest_shown_cell_with_it()
    {
        var report = await Report(_observer);
        // 0-4 holds 3 children: alone it would be the total less the others, so 15-17 (5) is withheld with it.
        Assert.Equal("0-4=withheld, 5-9=7, 10-14=12, 15-17=withheld, 18+=0", Shown(report.ByAgeBand));
        // May 3 and June 1 hold 4 together: April, the smallest shown, goes with them.
        Assert.Equal("2026-03=12, 2026-04=withheld, 2026-05=withheld, 2026-06=withheld", Shown(report.BySubmitMonth));
    }

    [Fact]
    public async Task A_withheld_region_is_not_named()
    {
        var report = await Report(_observer);
        // "North" and "north " are one region; South (3) is withheld, East (5) with it, and neither is named.
        Assert.Equal("North=12, =withheld", Shown(report.ByRegionFound));
        Assert.DoesNotContain(report.ByRegionFound.Cells, c => c.Key is "South" or "East");
    }

    [Fact]
    public async Task Reunions_and_not_located_are_counted_per_holding_party()
    {
        var report = await Report(_observer);
        Assert.Equal("parties/holder-1=12, parties/holder-2=5", Shown(report.ReunitedByHoldingParty));
        // holder-2 could not locate 3 (later found by holder-1): withheld, and holder-1's 6 with it, since the total is known.
        Assert.Equal("parties/holder-1=withheld, parties/holder-2=withheld", Shown(report.NotLocatedByHoldingParty));
    }

    [Fact]
    public async Task Time_to_reunion_is_given_at_the_50th_and_90th_percentile()
    {
        var times = (await Report(_observer)).SubmissionToReunion;
        Assert.False(times.Suppressed);
        Assert.Equal(17, times.Reunited.Children);
        // 17 reunions after 10, 20, ... 170 days: the 9th and the 16th by rank.
        Assert.Equal(TimeSpan.FromDays(90), times.P50.ToTimeSpan());
        Assert.Equal(TimeSpan.FromDays(160), times.P90.ToTimeSpan());
    }

    [Fact]
    public async Task The_report_names_no_case_and_no_child()
    {
        var report = await Report(host.Party("mediator"));
        var json = JsonFormatter.Default.Format(report);
        Assert.DoesNotContain(ReportCases.ChildFamilyName, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Foundtown", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Lastknown", json, StringComparison.OrdinalIgnoreCase);
        Assert.All(await ReportCases.SeedOnce(host), id => Assert.DoesNotContain(id, json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_is_served_as_json_at_v1_reports_cases()
    {
        await ReportCases.SeedOnce(host);
        using var http = new HttpClient { BaseAddress = host.WebAddress };
        using var observer = new HttpRequestMessage(HttpMethod.Get, "/v1/reports/cases") { Headers = { { "authorization", "Bearer demo-observer-key" } } };
        using var answer = await http.SendAsync(observer);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        var report = ReportsApi.GetCaseReportResponse.Parser.WithDiscardUnknownFields(true).ParseJson(await answer.Content.ReadAsStringAsync()).Report;
        Assert.Equal(27, report.Cases.Children);
        Assert.Equal("parties/holder-1=12, parties/holder-2=5", Shown(report.ReunitedByHoldingParty));

        using var holder = new HttpRequestMessage(HttpMethod.Get, "/v1/reports/cases") { Headers = { { "authorization", "Bearer demo-holder-1-key" } } };
        using var refused = await http.SendAsync(holder);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_client_library_reads_the_report_as_the_observer()
    {
        await ReportCases.SeedOnce(host);
        using var connection = Mediation.Client.MediationConnection.Embedded(host.Address, Mediation.Client.PartyCredentials.ApiKey("demo-observer-key"), "officer-o");
        var report = (await new Mediation.Client.ObserverClient(connection, "observer").GetCaseReportAsync()).Report;
        Assert.Equal(27, report.Cases.Children);
        Assert.Equal(TimeSpan.FromDays(90), report.SubmissionToReunion.P50.ToTimeSpan());
    }

    [Theory]
    [InlineData("requester-1")]
    [InlineData("holder-1")]
    public async Task Requesting_and_holding_parties_may_not_read_reports(string party)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Report(host.Party(party)));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }
}

public sealed class CaseReportOnSqliteTests(EmbeddedHost host) : CaseReportTests(host), IClassFixture<EmbeddedHost>;

public sealed class CaseReportOnPostgresTests(PostgresEmbeddedHost host) : CaseReportTests(host), IClassFixture<PostgresEmbeddedHost>;
