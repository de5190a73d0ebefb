using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;
using Common = Mediation.Api.Common.V1;
using HandoverApi = Mediation.Api.Handover.V1;

namespace Mediation.Cli.Commands;

/// <summary><c>mediation batches …</c>: the handover batches — planning one (mediator), and reading one child by child.</summary>
public static class BatchesCommand
{
    public static Command Create(CallerOptions caller)
    {
        var batches = new Command("batches", "Handover batches: plan one, read one child by child");
        batches.Add(Plan(caller));
        batches.Add(Get(caller));
        return batches;
    }

    private static Command Plan(CallerOptions caller)
    {
        var cases = new Argument<string[]>("case") { Description = "The verified cases (1..100) of one requesting and one holding party", Arity = ArgumentArity.OneOrMore };
        var region = Arguments.Text("--venue-region", "Where the children are gathered: region (required)", required: true);
        var settlement = Arguments.Text("--venue-settlement", "… settlement");
        var institution = Arguments.Text("--venue-institution", "… institution, e.g. the mediator's embassy");
        var time = Arguments.Text("--time", "When (RFC 3339; default: now)");
        var legs = new Option<string[]>("--leg")
        {
            Description = "A custody leg as FROM:TO:PLACE, in order, e.g. holder-1:mediator:Embassy  mediator:requester-1:Crossing  requester-1:claimant:Home (the last to claimant). Repeatable",
            Required = true,
        };
        var requestId = Arguments.RequestId();
        var command = new Command("plan", "Mediator: group verified cases into a batch with a venue, a time and the custody legs")
        {
            cases, region, settlement, institution, time, legs, requestId,
        };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var request = new HandoverApi.PlanBatchRequest
            {
                Venue = new Common.Place { Region = run.Value(region) ?? "", Settlement = run.Value(settlement) ?? "", Institution = run.Value(institution) ?? "" },
                ScheduledTime = Timestamp.FromDateTime(Arguments.Time(run.Value(time), "--time")),
                RequestId = run.Value(requestId) ?? "",
            };
            request.Cases.Add(run.Value(cases).Select(Names.Case));
            request.Legs.Add(run.Value(legs).Select(Leg));
            var batch = (await run.Mediator().PlanBatchAsync(request, ct)).Batch;
            run.Show(batch, o => Show(o, batch));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Get(CallerOptions caller)
    {
        var name = new Argument<string>("batch") { Description = "The batch: batches/{id}, or its id alone" };
        var command = new Command("get", "A batch: its legs, and each child's progress") { name };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var batch = (await run.CaseParty().GetBatchAsync(Names.Batch(run.Value(name)), ct)).Batch;
            run.Show(batch, o => Show(o, batch));
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>A custodian as the protos write it: <c>parties/{id}</c>, or <c>claimant</c> for the relative.</summary>
    public static string Custodian(string text) => text.Trim() == "claimant" ? "claimant" : Names.Party(text);

    private static HandoverApi.LegPlan Leg(string text)
    {
        var parts = text.Split(':', 3, StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            throw new InvalidInputException($"--leg '{text}': FROM:TO:PLACE expected, e.g. holder-1:mediator:Embassy");
        return new HandoverApi.LegPlan { FromCustodian = Custodian(parts[0]), ToCustodian = Custodian(parts[1]), Place = parts[2] };
    }

    private static void Show(TextWriter output, HandoverApi.Batch batch)
    {
        output.WriteLine($"{batch.Name}  {Names.Of(batch.State)}  at {CaseViews.Place(batch.Venue)}, {CaseViews.Time(batch.ScheduledTime)}");
        foreach (var leg in batch.Legs)
            output.WriteLine($"  leg {leg.Number}: {leg.FromCustodian} -> {leg.ToCustodian} at {leg.Place}");
        var table = new Table("CASE", "STATE", "CUSTODIAN", "LEGS DONE");
        foreach (var child in batch.Children)
            table.Add(child.Case, Names.Of(child.State), child.CurrentCustodian, $"{child.LegsCompleted}/{batch.Legs.Count}");
        table.WriteTo(output);
    }
}
