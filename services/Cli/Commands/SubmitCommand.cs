using System.CommandLine;
using System.Text.Json.Nodes;
using Grpc.Core;
using Mediation.Cli.ChildLists;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;
using Mediation.Client;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Cli.Commands;

/// <summary>
/// <c>mediation submit FILE</c>: a list of children, checked whole first (every problem reported by row and
/// column, nothing sent if there is any), then sent one request per row under an id derived from the list
/// and the row, so that a rerun after a failure adds only the rows that are not in yet.
/// </summary>
public static class SubmitCommand
{
    private enum RowOutcome { Sent, AlreadySubmitted, Refused, NotSent }

    private sealed record RowResult(ChildListRow Row, string RequestId)
    {
        public RowOutcome Outcome { get; set; } = RowOutcome.NotSent;
        public string Case { get; set; } = "";
        public string Problem { get; set; } = "";
    }

    public static Command Create(CallerOptions caller)
    {
        var file = new Argument<FileInfo>("file") { Description = "The list: a .csv file with a header row, or a .json array (see below)" };
        var listId = Arguments.Text("--list-id", "Names the list across reruns (default: the file's name): the same row of the same list, unchanged, is never submitted twice");
        var check = new Option<bool>("--check") { Description = "Check the list and report every problem; send nothing" };
        var command = new Command("submit", "Requesting party: ask for the children of a list (CSV or JSON), one case per child; checked whole first, sent once")
        {
            file, listId, check,
        };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var path = run.Value(file);
            if (!path.Exists)
                throw new InvalidInputException($"{path.FullName}: no such file");
            var list = ChildList.Read(path.FullName, DateTime.UtcNow);
            if (list.Errors.Count > 0)
                return Invalid(run, path, list);
            if (run.Value(check))
            {
                run.Show(new JsonObject { ["children"] = list.Rows.Count, ["errors"] = new JsonArray() },
                    _ => run.Error.WriteLine($"{path.Name}: {list.Rows.Count} children, no problem found; nothing sent"));
                return ExitCode.Ok;
            }
            var id = run.Value(listId) ?? path.Name;
            var rows = list.Rows.Select(r => new RowResult(r, RowRequestId.For(id, r.Row, r.Request!))).ToList();
            return await Send(run, run.Requesting(), id, rows, ct);
        });
        return command;
    }

    private static int Invalid(Invocation run, FileInfo path, ChildList list)
    {
        if (run.Json)
            Output.Json.Write(run.Out, new JsonObject
            {
                ["errors"] = new JsonArray(list.Errors.Select(e => (JsonNode)new JsonObject { ["row"] = e.Row, ["column"] = e.Column, ["message"] = e.Message }).ToArray()),
            });
        foreach (var error in list.Errors)
            run.Error.WriteLine($"{path.Name}: {error}");
        var rows = list.Errors.Select(e => e.Row).Distinct().Count();
        run.Error.WriteLine($"{path.Name}: {list.Errors.Count} problem(s) in {rows} row(s); nothing was sent");
        return ExitCode.InvalidInput;
    }

    private static async Task<int> Send(Invocation run, RequestingPartyClient client, string listId, List<RowResult> rows, CancellationToken ct)
    {
        // Every row is sent under its own id, the rows an earlier run sent included: the service answers a
        // repeated id with the case it made the first time and makes nothing new. Such a row is told apart by
        // its case's submission time: from before the row was sent (by this machine's clock against the
        // service's: only the label depends on it). The service stamps a case after its call arrives, in
        // ticks; the moment of sending is taken down to the millisecond, so a case made by this very call is
        // never older than it.
        var progress = new ProgressBar(rows.Count, "sent");
        var code = ExitCode.Ok;
        var done = 0;
        progress.Report(0);
        foreach (var row in rows)
        {
            try
            {
                var request = new RequestsApi.SubmitRequestRequest { RequestId = row.RequestId };
                request.Children.Add(row.Row.Request);
                var now = DateTime.UtcNow;
                var sentAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
                var made = (await client.SubmitRequestAsync(request, ct)).Cases[0];
                row.Outcome = made.CreateTime.ToDateTime() < sentAt ? RowOutcome.AlreadySubmitted : RowOutcome.Sent;
                row.Case = made.Name;
            }
            catch (MediationRefusal refusal)
            {
                row.Outcome = RowOutcome.Refused;
                row.Problem = Invocation.Describe(refusal);
                if (refusal.Code is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
                {
                    // The service is gone: the rows left are not tried; a rerun sends them, and only them.
                    code = ExitCode.Unavailable;
                    break;
                }
                code = ExitCode.Refused;
            }
            progress.Report(++done);
        }
        progress.Done();
        Report(run, listId, rows);
        return code;
    }

    private static void Report(Invocation run, string listId, List<RowResult> rows)
    {
        int Count(RowOutcome o) => rows.Count(r => r.Outcome == o);
        string Status(RowOutcome o) => o switch
        {
            RowOutcome.Sent => "sent",
            RowOutcome.AlreadySubmitted => "already submitted",
            RowOutcome.Refused => "refused",
            _ => "not sent",
        };
        run.Show(new JsonObject
        {
            ["list"] = listId,
            ["sent"] = Count(RowOutcome.Sent),
            ["alreadySubmitted"] = Count(RowOutcome.AlreadySubmitted),
            ["refused"] = Count(RowOutcome.Refused),
            ["notSent"] = Count(RowOutcome.NotSent),
            ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["row"] = r.Row.Row,
                ["requestId"] = r.RequestId,
                ["status"] = Status(r.Outcome).Replace(' ', '_'),
                ["case"] = r.Case,
                ["problem"] = r.Problem,
            }).ToArray()),
        }, o =>
        {
            var table = new Table("ROW", "CASE", "STATUS");
            foreach (var r in rows)
                table.Add(r.Row.Row.ToString(), r.Case, Status(r.Outcome));
            table.WriteTo(o);
        });
        foreach (var r in rows.Where(r => r.Outcome == RowOutcome.Refused))
            run.Error.WriteLine($"row {r.Row.Row}: refused: {r.Problem}");
        run.Error.WriteLine($"{listId}: {Count(RowOutcome.Sent)} sent, {Count(RowOutcome.AlreadySubmitted)} already submitted, "
            + $"{Count(RowOutcome.Refused)} refused, {Count(RowOutcome.NotSent)} not sent"
            + (Count(RowOutcome.NotSent) + Count(RowOutcome.Refused) > 0 ? " (run the same command again to send what is missing)" : ""));
    }
}
