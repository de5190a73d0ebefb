using System.CommandLine;
using System.Text.Json.Nodes;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;
using AuditApi = Mediation.Api.Audit.V1;

namespace Mediation.Cli.Commands;

/// <summary><c>mediation audit …</c>: the mediator's view of each service's append-only audit log.</summary>
public static class AuditCommand
{
    private static readonly string[] Services = ["requests", "verification", "handover"];

    public static Command Create(CallerOptions caller)
    {
        var audit = new Command("audit", "Mediator: each service's audit log — verify its hash chain, list its entries");
        audit.Add(Verify(caller));
        audit.Add(List(caller));
        return audit;
    }

    private static Option<string?> Service(string description) => Arguments.Text("--service", description);

    private static Command Verify(CallerOptions caller)
    {
        var service = Service("requests, verification or handover (default: all three)");
        var headSequence = new Option<long>("--head-sequence") { Description = "With --service: a head recorded from an earlier verification; it must still be there with --head-hash" };
        var headHash = Arguments.Text("--head-hash", "The recorded head's hash");
        var command = new Command("verify", "Recompute each audit log's chain and report its first break (exit code 6 when one does not hold)") { service, headSequence, headHash };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var chosen = run.Value(service) is { } s ? [Known(s)] : Services;
            if (run.Value(headSequence) != 0 && chosen.Length != 1)
                throw new UsageException("--head-sequence needs --service: each log has its own head");
            var client = run.Mediator();
            var results = new JsonObject();
            var table = new Table("SERVICE", "INTACT", "ENTRIES CHECKED", "HEAD", "FIRST BREAK");
            var intact = true;
            foreach (var name in chosen)
            {
                var result = await client.VerifyAuditLogAsync(new AuditApi.VerifyAuditLogRequest
                {
                    Service = name,
                    RecordedHeadSequence = run.Value(headSequence),
                    RecordedHeadHash = run.Value(headHash) ?? "",
                }, ct);
                intact &= result.Intact;
                results[name] = Output.Json.Of(result);
                table.Add(name, result.Intact ? "yes" : "NO", result.EntriesChecked.ToString(), $"{result.HeadSequence} {result.HeadHash}",
                    result.FirstBreak is { } b ? $"at {b.Sequence}: {Names.Of(b.Kind)} {b.Description}" : "");
            }
            run.Show(results, o => table.WriteTo(o));
            return intact ? ExitCode.Ok : ExitCode.NotVerified;
        });
        return command;
    }

    private static Command List(CallerOptions caller)
    {
        var service = Service("requests, verification or handover (required)");
        var caseName = Arguments.Text("--case", "Only entries about this case");
        var party = Arguments.Text("--caller", "Only calls made by this party");
        var command = new Command("list", "The audit entries about one case and/or one calling party, oldest first") { service, caseName, party };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var request = new AuditApi.ListAuditEntriesRequest
            {
                Service = Known(run.Value(service) ?? throw new UsageException("--service is required")),
                Case = run.Value(caseName) is { } c ? Names.Case(c) : "",
                Party = run.Value(party) is { } p ? Names.Party(p) : "",
                PageSize = 500,
            };
            if (request.Case.Length == 0 && request.Party.Length == 0)
                throw new UsageException("--case or --caller is required");
            var client = run.Mediator();
            var all = new AuditApi.ListAuditEntriesResponse();
            do
            {
                var page = await client.ListAuditEntriesAsync(request, ct);
                all.Entries.Add(page.Entries);
                request.PageToken = page.NextPageToken;
            } while (request.PageToken.Length > 0);
            run.Show(all, o =>
            {
                var table = new Table("#", "TIME", "PARTY", "OFFICER", "METHOD", "CASE", "OUTCOME");
                foreach (var e in all.Entries)
                    table.Add(e.Sequence.ToString(), CaseViews.Time(e.Time), e.Party, e.Officer, e.Method, e.Case, e.Outcome);
                table.WriteTo(o);
            });
            return ExitCode.Ok;
        });
        return command;
    }

    private static string Known(string service) =>
        Services.Contains(service.Trim().ToLowerInvariant()) ? service.Trim().ToLowerInvariant()
        : throw new UsageException($"--service '{service}': requests, verification or handover");
}
