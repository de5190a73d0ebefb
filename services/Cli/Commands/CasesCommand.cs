using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;
using Common = Mediation.Api.Common.V1;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Cli.Commands;

/// <summary><c>mediation cases …</c>: reading cases and their events, and each party's steps on a case.</summary>
public static class CasesCommand
{
    public static Command Create(CallerOptions caller)
    {
        var cases = new Command("cases", "Read cases and their events, and take a case's next step");
        cases.Add(List(caller));
        cases.Add(Get(caller));
        cases.Add(Events(caller));
        cases.Add(Watch(caller));
        cases.Add(Accept(caller));
        cases.Add(Reject(caller));
        cases.Add(Forward(caller));
        cases.Add(Locate(caller));
        cases.Add(NotLocated(caller));
        cases.Add(Withdraw(caller));
        cases.Add(FollowUp(caller));
        cases.Add(Close(caller));
        return cases;
    }

    private static Command List(CallerOptions caller)
    {
        var stage = Arguments.Text("--stage", "Only cases in this stage, e.g. SUBMITTED, VERIFIED");
        var requesting = Arguments.Text("--requesting-party", "Only cases asked for by this party");
        var holding = Arguments.Text("--holding-party", "Only cases forwarded to this party");
        var overdue = new Option<bool>("--overdue") { Description = "Only forwarded cases whose holding party is late to answer" };
        var command = new Command("list", "The cases you may see, oldest first") { stage, requesting, holding, overdue };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var filter = new RequestsApi.ListCasesRequest { PageSize = 500, OverdueOnly = run.Value(overdue) };
            if (run.Value(stage) is { } s)
                filter.Stage = Arguments.Enum<RequestsApi.CaseStage>(s, "--stage");
            if (run.Value(requesting) is { } r)
                filter.RequestingParty = Names.Party(r);
            if (run.Value(holding) is { } h)
                filter.HoldingParty = Names.Party(h);
            var all = new RequestsApi.ListCasesResponse();
            await foreach (var c in run.CaseParty().ListAllCases(filter, ct))
                all.Cases.Add(c);
            run.Show(all, o =>
            {
                CaseViews.Cases(all.Cases).WriteTo(o);
                run.Error.WriteLine($"{all.Cases.Count} case(s)");
            });
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Get(CallerOptions caller)
    {
        var name = Arguments.Case();
        var command = new Command("get", "One case, as you may see it") { name };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var response = await run.CaseParty().GetCaseAsync(Names.Case(run.Value(name)), ct);
            run.Show(response, o => CaseViews.Case(o, response.Case));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Events(CallerOptions caller)
    {
        var name = Arguments.Case();
        var command = new Command("events", "A case's timeline: every event from every service, in the order they happened") { name };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var client = run.CaseParty();
            var all = new RequestsApi.ListCaseEventsResponse();
            var page = new RequestsApi.ListCaseEventsRequest { Parent = Names.Case(run.Value(name)), PageSize = 500 };
            do
            {
                var response = await client.ListCaseEventsAsync(page, ct);
                all.Events.Add(response.Events);
                page.PageToken = response.NextPageToken;
            } while (page.PageToken.Length > 0);
            run.Show(all, o => CaseViews.Events(all.Events).WriteTo(o));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Watch(CallerOptions caller)
    {
        var cursor = Arguments.Text("--cursor", "Resume after this cursor (printed with each event); default: from the first event");
        var only = Arguments.Text("--case", "Only this case's events");
        var until = Arguments.Text("--until", "With --case: stop once the case has reached this stage (e.g. VERIFIED), at once if it already has");
        var timeout = new Option<int?>("--timeout") { Description = "With --until: give up after this many seconds (exit code 1)" };
        var command = new Command("watch", """
            Every event of every case you may see, as it is recorded; reconnects by itself after a break, without
            gap or repeat. With --json, one JSON object per line. Ctrl+C stops it
            """) { cursor, only, until, timeout };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var caseName = run.Value(only) is { } c ? Names.Case(c) : null;
            RequestsApi.CaseStage? target = run.Value(until) is { } u ? Arguments.Enum<RequestsApi.CaseStage>(u, "--until") : null;
            if (target is not null && caseName is null)
                throw new UsageException("--until needs --case");
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (run.Value(timeout) is { } seconds)
                limit.CancelAfter(TimeSpan.FromSeconds(seconds));
            var reached = false;
            if (target is { } wanted && await Reached(run.CaseParty(), caseName!, wanted, ct))
            {
                run.Error.WriteLine($"{caseName} has reached {Names.Of(wanted)}");
                return ExitCode.Ok;
            }
            try
            {
                await foreach (var e in run.CaseParty().WatchCaseEvents(run.Value(cursor), ct: limit.Token))
                {
                    if (caseName is not null && e.Case != caseName)
                        continue;
                    if (run.Json)
                        Output.Json.WriteLine(run.Out, e);
                    else
                        run.Out.WriteLine($"{CaseViews.Time(e.Event.OccurTime)}  {e.Case}  {Names.Of(e.Event.Stage),-16} {e.Event.Type}  {e.Event.Summary}  [cursor {e.Cursor}]");
                    run.Out.Flush();
                    if (target is { } stage && e.Event.Stage == stage)
                    {
                        reached = true;
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                run.Error.WriteLine($"mediation: {caseName} did not reach {Names.Of(target!.Value)} within {run.Value(timeout)} s");
                return ExitCode.Failed;
            }
            return reached || target is null ? ExitCode.Ok : ExitCode.Failed;
        });
        return command;
    }

    /// <summary>
    /// Whether the case's own timeline already has an event that left it at <paramref name="stage"/>: read
    /// first, since the stream would replay every case's events from the first to find it.
    /// </summary>
    private static async Task<bool> Reached(Mediation.Client.CasePartyClient client, string caseName, RequestsApi.CaseStage stage, CancellationToken ct)
    {
        var page = new RequestsApi.ListCaseEventsRequest { Parent = caseName, PageSize = 500 };
        do
        {
            var response = await client.ListCaseEventsAsync(page, ct);
            if (response.Events.Any(e => e.Stage == stage))
                return true;
            page.PageToken = response.NextPageToken;
        } while (page.PageToken.Length > 0);
        return false;
    }

    private static Command Accept(CallerOptions caller)
    {
        var name = Arguments.Case();
        var requestId = Arguments.RequestId();
        var command = new Command("accept", "Mediator: the case is admissible (ACCEPTED)") { name, requestId };
        Invocation.Bind(command, caller, async (run, ct) =>
            Shown(run, (await run.Mediator().AcceptCaseAsync(new() { Name = Names.Case(run.Value(name)), RequestId = run.Value(requestId) ?? "" }, ct)).Case));
        return command;
    }

    private static Command Reject(CallerOptions caller)
    {
        var name = Arguments.Case();
        var reason = Arguments.Text("--reason", "Why (1..2000 characters)", required: true);
        var requestId = Arguments.RequestId();
        var command = new Command("reject", "Mediator: the case is refused, with a reason (REJECTED)") { name, reason, requestId };
        Invocation.Bind(command, caller, async (run, ct) =>
            Shown(run, (await run.Mediator().RejectCaseAsync(new() { Name = Names.Case(run.Value(name)), Reason = run.Value(reason) ?? "", RequestId = run.Value(requestId) ?? "" }, ct)).Case));
        return command;
    }

    private static Command Forward(CallerOptions caller)
    {
        var name = Arguments.Case();
        var to = Arguments.Text("--to", "The holding party that must locate the child, e.g. holder-1", required: true);
        var overrideReason = Arguments.Text("--override-reason", "Required when the case has no consent to share: the mediator's reason, recorded");
        var requestId = Arguments.RequestId();
        var command = new Command("forward", "Mediator: hand an accepted case to the holding party (FORWARDED)") { name, to, overrideReason, requestId };
        Invocation.Bind(command, caller, async (run, ct) =>
            Shown(run, (await run.Mediator().ForwardCaseAsync(new()
            {
                Name = Names.Case(run.Value(name)),
                HoldingParty = Names.Party(run.Value(to)!),
                ConsentOverrideReason = run.Value(overrideReason) ?? "",
                RequestId = run.Value(requestId) ?? "",
            }, ct)).Case));
        return command;
    }

    private static Command Locate(CallerOptions caller)
    {
        var name = Arguments.Case();
        var region = Arguments.Text("--region", "Where the child is now: region (required)", required: true);
        var settlement = Arguments.Text("--settlement", "… settlement");
        var institution = Arguments.Text("--institution", "… institution");
        var requestId = Arguments.RequestId();
        var command = new Command("locate", "Holding party: the child has been found, and where (LOCATED)") { name, region, settlement, institution, requestId };
        Invocation.Bind(command, caller, async (run, ct) =>
            Shown(run, (await run.Holding().ReportCaseLocatedAsync(new()
            {
                Name = Names.Case(run.Value(name)),
                Location = new Common.Place { Region = run.Value(region) ?? "", Settlement = run.Value(settlement) ?? "", Institution = run.Value(institution) ?? "" },
                RequestId = run.Value(requestId) ?? "",
            }, ct)).Case));
        return command;
    }

    private static Command NotLocated(CallerOptions caller)
    {
        var name = Arguments.Case();
        var tried = Arguments.Text("--tried", "What was tried to find the child (1..2000 characters)", required: true);
        var requestId = Arguments.RequestId();
        var command = new Command("not-located", "Holding party: the child could not be found (NOT_LOCATED)") { name, tried, requestId };
        Invocation.Bind(command, caller, async (run, ct) =>
            Shown(run, (await run.Holding().ReportCaseNotLocatedAsync(new() { Name = Names.Case(run.Value(name)), Tried = run.Value(tried) ?? "", RequestId = run.Value(requestId) ?? "" }, ct)).Case));
        return command;
    }

    private static Command Withdraw(CallerOptions caller)
    {
        var name = Arguments.Case();
        var requestId = Arguments.RequestId();
        var command = new Command("withdraw", "Requesting party: withdraw your case, before the handover (WITHDRAWN)") { name, requestId };
        Invocation.Bind(command, caller, async (run, ct) =>
            Shown(run, (await run.Requesting().WithdrawCaseAsync(new() { Name = Names.Case(run.Value(name)), RequestId = run.Value(requestId) ?? "" }, ct)).Case));
        return command;
    }

    private static Command FollowUp(CallerOptions caller)
    {
        var name = Arguments.Case();
        var time = Arguments.Text("--time", "When the visit took place (RFC 3339; default: now); not before the reunion");
        var requestId = Arguments.RequestId();
        var command = new Command("follow-up", "Requesting party: record a follow-up visit after the reunion") { name, time, requestId };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var chain = (await run.Requesting().RecordFollowUpVisitAsync(new()
            {
                Case = Names.Case(run.Value(name)),
                VisitTime = Timestamp.FromDateTime(Arguments.Time(run.Value(time), "--time")),
                RequestId = run.Value(requestId) ?? "",
            }, ct)).Chain;
            return Shown(run, chain);
        });
        return command;
    }

    private static Command Close(CallerOptions caller)
    {
        var name = Arguments.Case();
        var requestId = Arguments.RequestId();
        var command = new Command("close", "Mediator: close a reunited case once every follow-up visit is recorded (CLOSED)") { name, requestId };
        Invocation.Bind(command, caller, async (run, ct) =>
            Shown(run, (await run.Mediator().CloseCaseAsync(new() { Case = Names.Case(run.Value(name)), RequestId = run.Value(requestId) ?? "" }, ct)).Chain));
        return command;
    }

    private static int Shown(Invocation run, RequestsApi.Case c)
    {
        run.Show(c, o => o.WriteLine($"{c.Name}  {Names.Of(c.Stage)}"));
        return ExitCode.Ok;
    }

    private static int Shown(Invocation run, HandoverApi.CustodyChain chain)
    {
        run.Show(chain, o => o.WriteLine($"{chain.Case}  {Names.Of(chain.State)}  follow-up visits {chain.FollowUpVisits}/{chain.FollowUpVisitsRequired}"
            + (chain.NextFollowUpDueTime is { } due ? $", next due {CaseViews.Time(due)}" : "")));
        return ExitCode.Ok;
    }
}
