using System.CommandLine;
using Grpc.Core;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;
using Mediation.Client;
using HandoverApi = Mediation.Api.Handover.V1;

namespace Mediation.Cli.Commands;

/// <summary>
/// <c>mediation custody ack</c>: the party's signed acknowledgement of a custody leg, as giver or receiver,
/// for one child or every child of a batch at that leg. The statement is signed here with the party's own
/// key; the key never leaves this machine.
/// </summary>
public static class CustodyCommand
{
    public static Command Create(CallerOptions caller)
    {
        var custody = new Command("custody", "Custody of a child during the handover: acknowledge a leg, read a case's chain");
        custody.Add(Acknowledge(caller));
        custody.Add(Chain(caller));
        return custody;
    }

    private static Command Acknowledge(CallerOptions caller)
    {
        var key = new Option<FileInfo>("--key") { Description = "Your party's ECDSA P-256 private key (PEM) that signs the statement", Required = true };
        var batch = Arguments.Text("--batch", "The batch: batches/{id}, or its id alone", required: true);
        var cases = new Option<string[]>("--case") { Description = "The child's case; repeatable (default: every child of the batch still in transfer)" };
        var leg = new Option<int?>("--leg") { Description = "The leg's number (default: each child's legs in order, as far as you can take them now)" };
        var role = Arguments.Text("--role", "GIVER or RECEIVER (default: each side of the leg that is your party, giver first)");
        var command = new Command("ack", "Acknowledge a custody leg, signed with your party's key (needs --party)") { key, batch, cases, leg, role };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var keyFile = run.Value(key);
            if (!keyFile.Exists)
                throw new InvalidInputException($"--key {keyFile.FullName}: no such file");
            CustodyKey custodyKey;
            try
            {
                custodyKey = CustodyKey.FromPemFile(keyFile.FullName);
            }
            catch (ArgumentException e)
            {
                throw new InvalidInputException($"--key {keyFile.Name}: {e.Message}");
            }
            using var _ = custodyKey;
            var client = run.CaseParty(custodyKey);
            HandoverApi.CustodyRole? onlyRole = run.Value(role) is { } r ? Arguments.Enum<HandoverApi.CustodyRole>(r, "--role") : null;
            var planned = (await client.GetBatchAsync(Names.Batch(run.Value(batch)!), ct)).Batch;
            var chosen = run.Value(cases) is { Length: > 0 } named
                ? named.Select(Names.Case).ToList()
                : planned.Children.Where(c => c.State == HandoverApi.HandoverCaseState.InTransfer).Select(c => c.Case).ToList();
            if (chosen.Count == 0)
                throw new InvalidInputException($"{planned.Name} has no child in transfer to acknowledge");
            var acknowledged = new HandoverApi.GetCustodyChainResponse();
            var table = new Table("CASE", "LEG", "ROLE", "FROM", "TO", "CUSTODIAN NOW");
            foreach (var caseName in chosen)
            {
                if (planned.Children.All(c => c.Case != caseName))
                    throw new InvalidInputException($"{caseName} is not in {planned.Name}");
                foreach (var (due, side) in await Due(client, planned, caseName, run.Value(leg), onlyRole, ct))
                {
                    var chain = await Send(client, planned.Name, caseName, due, side, ct);
                    if (chain is null)
                        continue; // this side was acknowledged before: a rerun changes nothing
                    acknowledged.Chain = chain;
                    table.Add(caseName, due.Number.ToString(), Names.Of(side), due.FromCustodian, due.ToCustodian, chain.CurrentCustodian);
                }
            }
            if (run.Json)
                Output.Json.Write(run.Out, acknowledged);
            else
                table.WriteTo(run.Out);
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>
    /// What this party acknowledges now for one child: with --leg, its sides of that leg; else its sides of
    /// the child's legs in order, from the first not yet done, on as long as each leg ends up done — so the
    /// mediator receiving a child at the venue also hands it on, in one command, and stops where the
    /// other side has still to act.
    /// </summary>
    private static async Task<List<(HandoverApi.Leg, HandoverApi.CustodyRole)>> Due(CasePartyClient client, HandoverApi.Batch batch, string caseName,
        int? onlyLeg, HandoverApi.CustodyRole? onlyRole, CancellationToken ct)
    {
        if (onlyLeg is { } number)
        {
            var leg = batch.Legs.FirstOrDefault(l => l.Number == number)
                ?? throw new InvalidInputException($"{batch.Name} has no leg {number} (it has {batch.Legs.Count})");
            return Sides(leg, client.Party, onlyRole).Select(side => (leg, side)).ToList();
        }
        var chain = (await client.GetCustodyChainAsync(caseName, ct)).Chain;
        bool Done(HandoverApi.Leg leg, HandoverApi.CustodyRole role) =>
            chain.Entries.Any(e => e.Batch == batch.Name && e.Leg == leg.Number && e.Role == role);
        var due = new List<(HandoverApi.Leg, HandoverApi.CustodyRole)>();
        foreach (var leg in batch.Legs.OrderBy(l => l.Number))
        {
            if (Done(leg, HandoverApi.CustodyRole.Giver) && Done(leg, HandoverApi.CustodyRole.Receiver))
                continue;
            var mine = leg.FromCustodian == client.Party || leg.ToCustodian == client.Party;
            if (!mine)
                break;
            var sides = Sides(leg, client.Party, onlyRole).ToList();
            due.AddRange(sides.Select(side => (leg, side)));
            var other = new[] { HandoverApi.CustodyRole.Giver, HandoverApi.CustodyRole.Receiver }.Except(sides);
            if (other.Any(side => !Done(leg, side)))
                break; // the leg waits on the other side: what follows cannot be acknowledged yet
        }
        if (due.Count == 0)
            throw new InvalidInputException($"{caseName}: nothing for {client.Party} to acknowledge now in {batch.Name} (its next leg waits on another party, or every leg is done)");
        return due;
    }

    /// <summary>The sides of <paramref name="leg"/> that <paramref name="party"/> acknowledges: it gives, it receives, or it receives for the claimant.</summary>
    private static IEnumerable<HandoverApi.CustodyRole> Sides(HandoverApi.Leg leg, string party, HandoverApi.CustodyRole? only)
    {
        var sides = new List<HandoverApi.CustodyRole>();
        if (leg.FromCustodian == party)
            sides.Add(HandoverApi.CustodyRole.Giver);
        // The party that hands the child to the claimant acknowledges the claimant's receipt on the relative's behalf.
        if (leg.ToCustodian == party || (leg.ToCustodian == "claimant" && leg.FromCustodian == party))
            sides.Add(HandoverApi.CustodyRole.Receiver);
        if (only is { } role)
            return [role];
        if (sides.Count == 0)
            throw new InvalidInputException($"{party} is neither side of leg {leg.Number} ({leg.FromCustodian} -> {leg.ToCustodian}): check --party");
        return sides;
    }

    /// <summary>
    /// Signs over the chain as it reads now and sends it; null when the chain already holds this side. Another
    /// acknowledgement landing between the read and the send moves the chain's head: read and sign again.
    /// </summary>
    private static async Task<HandoverApi.CustodyChain?> Send(CasePartyClient client, string batch, string caseName, HandoverApi.Leg leg, HandoverApi.CustodyRole role, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var chain = (await client.GetCustodyChainAsync(caseName, ct)).Chain;
            if (chain.Entries.Any(e => e.Batch == batch && e.Leg == leg.Number && e.Role == role))
                return null;
            try
            {
                var request = await client.SignAcknowledgementAsync(batch, caseName, leg, role, ct: ct);
                return (await client.AcknowledgeCustodyAsync(request, ct)).Chain;
            }
            catch (MediationRefusal e) when (e.Code == StatusCode.FailedPrecondition && attempt < 3)
            {
                if ((await client.GetCustodyChainAsync(caseName, ct)).Chain.HeadHash == chain.HeadHash)
                    throw;
            }
        }
    }

    private static Command Chain(CallerOptions caller)
    {
        var name = Arguments.Case();
        var command = new Command("chain", "A case's custody chain (its receipt): every signed acknowledgement, in order. Save it with --json") { name };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var response = await run.CaseParty().GetCustodyChainAsync(Names.Case(run.Value(name)), ct);
            run.Show(response, o => ReceiptCommand.Show(o, response.Chain));
            return ExitCode.Ok;
        });
        return command;
    }
}
