using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Mediation.Api.Custody;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;
using HandoverApi = Mediation.Api.Handover.V1;

namespace Mediation.Cli.Commands;

/// <summary>
/// <c>mediation receipt verify</c>: a custody receipt checked offline, with nothing but the parties' public
/// keys — every signature, every hash link, and that custody moves leg by leg from where it started.
/// </summary>
public static class ReceiptCommand
{
    public static Command Create(CallerOptions caller)
    {
        var receipt = new Command("receipt", "Custody receipts: check one offline");
        receipt.Add(Verify(caller));
        return receipt;
    }

    private static Command Verify(CallerOptions caller)
    {
        var file = new Argument<FileInfo?>("file")
        {
            Description = "The receipt: GetCustodyChain's answer as JSON (mediation custody chain CASE --json > receipt.json)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var fromCase = Arguments.Text("--case", "Fetch the case's receipt from the service instead of reading a file");
        var parties = new Option<FileInfo>("--parties")
        {
            Description = "The deployment's parties file: only each party's PublicKey is read",
            Required = true,
        };
        var head = Arguments.Text("--head", "A head_hash kept from an earlier receipt of the case: it must still be in this one (catches entries cut from the end)");
        var command = new Command("verify", "Check a custody receipt's signatures and hash links offline (exit code 6 when it does not hold)") { file, fromCase, parties, head };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            HandoverApi.CustodyChain receipt;
            if (run.Value(fromCase) is { } caseName)
                receipt = (await run.CaseParty().GetCustodyChainAsync(Names.Case(caseName), ct)).Chain;
            else if (run.Value(file) is { } path)
                receipt = Read(path);
            else
                throw new UsageException("a receipt file or --case is required");
            var problems = ReceiptVerifier.Problems(receipt, PublicKeys(run.Value(parties)), run.Value(head));
            run.Show(new JsonObject
            {
                ["case"] = receipt.Case,
                ["valid"] = problems.Count == 0,
                ["entries"] = receipt.Entries.Count,
                ["headHash"] = receipt.HeadHash,
                ["problems"] = new JsonArray(problems.Select(p => (JsonNode)p).ToArray()),
            }, o =>
            {
                if (problems.Count == 0)
                    o.WriteLine($"receipt valid: {receipt.Case}, {receipt.Entries.Count} signed entries from {receipt.OriginCustodian}, head {receipt.HeadHash}, custodian {receipt.CurrentCustodian}");
                foreach (var problem in problems)
                    o.WriteLine("invalid: " + problem);
            });
            return problems.Count == 0 ? ExitCode.Ok : ExitCode.NotVerified;
        });
        return command;
    }

    private static HandoverApi.CustodyChain Read(FileInfo path)
    {
        if (!path.Exists)
            throw new InvalidInputException($"{path.FullName}: no such file");
        try
        {
            return ReceiptFiles.Receipt(File.ReadAllText(path.FullName));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new InvalidInputException($"{path.Name}: not a custody receipt in JSON: {e.Message}");
        }
    }

    private static Dictionary<string, string> PublicKeys(FileInfo partiesFile)
    {
        if (!partiesFile.Exists)
            throw new InvalidInputException($"--parties {partiesFile.FullName}: no such file");
        try
        {
            return ReceiptFiles.PublicKeys(File.ReadAllText(partiesFile.FullName));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidInputException($"--parties {partiesFile.Name}: not a parties file (an object \"Parties\" with each party's PublicKey): {e.Message}");
        }
    }

    public static void Show(TextWriter output, HandoverApi.CustodyChain chain)
    {
        output.WriteLine($"{chain.Case}  {Names.Of(chain.State)}  custodian {chain.CurrentCustodian}  origin {chain.OriginCustodian}  head {chain.HeadHash}");
        output.WriteLine($"follow-up visits {chain.FollowUpVisits}/{chain.FollowUpVisitsRequired}" + (chain.NextFollowUpDueTime is { } due ? $", next due {CaseViews.Time(due)}" : ""));
        var table = new Table("#", "BATCH", "LEG", "ROLE", "PARTY", "FROM", "TO", "PLACE", "TIME");
        foreach (var e in chain.Entries)
            table.Add(e.Sequence.ToString(), e.Batch, e.Leg.ToString(), Names.Of(e.Role), e.Party, e.FromCustodian, e.ToCustodian, e.Place, CaseViews.Time(e.AcknowledgeTime));
        table.WriteTo(output);
    }
}
