using System.CommandLine;
using Mediation.Cli.Output;
using Mediation.Cli.Connection;
using Mediation.Client;
using ReportsApi = Mediation.Api.Reports.V1;

namespace Mediation.Cli.Commands;

/// <summary><c>mediation reports cases</c>: the observer's and the mediator's aggregate report, as the service suppressed it.</summary>
public static class ReportsCommand
{
    public static Command Create(CallerOptions caller)
    {
        var reports = new Command("reports", "Observer and mediator: the cases in aggregate (counts of children; cells under 5 withheld)");
        var cases = new Command("cases", "Every case counted by stage, age band, region found in, month, holding party; time from submission to reunion");
        Invocation.Bind(cases, caller, async (run, ct) =>
        {
            var report = (await run.Observer().GetCaseReportAsync(ct)).Report;
            run.Show(report, o => Write(o, report));
            return ExitCode.Ok;
        });
        reports.Add(cases);
        return reports;
    }

    private static void Write(TextWriter o, ReportsApi.CaseReport report)
    {
        o.WriteLine($"cases: {Figure(report.Cases)}   (worked out {CaseViews.Time(report.ComputeTime)}; cells of fewer than {report.MinCellChildren} children withheld)");
        var times = report.SubmissionToReunion;
        o.WriteLine(times.Suppressed
            ? $"submission to reunion: {Figure(times.Reunited)} reunited, percentiles withheld"
            : $"submission to reunion: {Figure(times.Reunited)} reunited, p50 {times.P50.ToTimeSpan().TotalDays:0} days, p90 {times.P90.ToTimeSpan().TotalDays:0} days");
        Breakdown(o, "STAGE", report.ByStage);
        Breakdown(o, "AGE BAND", report.ByAgeBand);
        Breakdown(o, "REGION FOUND IN", report.ByRegionFound);
        Breakdown(o, "MONTH SUBMITTED", report.BySubmitMonth);
        Breakdown(o, "REUNITED, BY HOLDING PARTY", report.ReunitedByHoldingParty);
        Breakdown(o, "NOT LOCATED, BY HOLDING PARTY", report.NotLocatedByHoldingParty);
    }

    private static void Breakdown(TextWriter o, string heading, ReportsApi.Breakdown breakdown)
    {
        o.WriteLine();
        var table = new Table(heading, "CHILDREN");
        foreach (var cell in breakdown.Cells)
            table.Add(cell.Key.Length == 0 ? "(regions withheld)" : cell.Key, Figure(cell.Figure));
        table.WriteTo(o);
    }

    private static string Figure(ReportsApi.Figure figure) => figure.Suppressed ? "withheld" : figure.Children.ToString();
}
