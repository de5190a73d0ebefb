using Mediation.IntegrationTests;

namespace Mediation.CliTests;

/// <summary><c>mediation reports cases</c>: the observer reads the cases in aggregate; a party of a case is refused.</summary>
public sealed class ReportsTests(EmbeddedHost host) : IClassFixture<EmbeddedHost>
{
    [Fact]
    public async Task The_observer_reads_the_report_of_a_submitted_list_and_a_holding_party_is_refused()
    {
        var list = Path.Combine(AppContext.BaseDirectory, "examples", "children.csv");
        var submitted = await Officers.Of(host, "requester-1").Run("submit", list, "--json");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());

        var report = await Officers.Of(host, "observer").Run("reports", "cases", "--json");

        Assert.True(report.ExitCode == 0, report.ToString());
        var json = report.Json();
        Assert.Equal(40, json.GetProperty("cases").GetProperty("children").GetInt32());
        Assert.Equal(5, json.GetProperty("minCellChildren").GetInt32());
        var byStage = json.GetProperty("byStage").GetProperty("cells").EnumerateArray()
            .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("figure"));
        Assert.Equal(40, byStage["SUBMITTED"].GetProperty("children").GetInt32());
        Assert.DoesNotContain("cases/", report.Output);

        var table = await Officers.Of(host, "observer").Run("reports", "cases");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("cases: 40", table.Output);

        var refused = await Officers.Of(host, "holder-1").Run("reports", "cases");
        Assert.True(refused.ExitCode == 4, refused.ToString());
        Assert.Contains("PERMISSION_DENIED", refused.Error);
    }
}
