using System.Diagnostics;
using Google.Protobuf;
using Mediation.Api.Custody;
using Mediation.Host.Demo;
using HandoverApi = Mediation.Api.Handover.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Finding 5 of issue 20: a receipt for a child held back in batch A and reunited through batch B could lose
/// batch A's entries, have its unsigned hash links recomputed, and still pass <c>verify-receipt</c>. Each
/// signed statement now names where custody started and the hash of the entry before it, so any cut shows.
/// Checked as the forger would use the result: through the command line a receiving party runs.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class CustodyReceiptCannotLoseItsStartTests(EmbeddedHost host)
{
    private static readonly string PartiesFile = Path.Combine(AppContext.BaseDirectory, "parties.demo.json");
    private readonly PartyClient _requester = host.Party("requester-2");
    private readonly PartyClient _holder = host.Party("holder-2");
    private readonly PartyClient _mediator = host.Party("mediator");
    private static HandoverApi.CustodyChain? _receipt;

    [Fact]
    public async Task The_whole_receipt_of_a_child_handed_over_in_two_batches_verifies()
    {
        var receipt = await ReceiptOverTwoBatches();
        Assert.Equal(6, receipt.Entries.Count);
        var (exit, output) = await VerifyCommand(receipt);
        Assert.True(exit == 0, output);
        Assert.StartsWith("receipt valid: " + receipt.Case, output);
        // A head kept after batch B's first leg is still in it: the chain only grew since.
        Assert.Equal(0, (await VerifyCommand(receipt, receipt.Entries[3].EntryHash)).Exit);
    }

    [Fact]
    public async Task A_receipt_cut_of_its_first_batch_and_relinked_is_refused()
    {
        var receipt = (await ReceiptOverTwoBatches()).Clone();
        // Batch A's two entries (the holding party's hand-over to the embassy) go; batch B then seems to start it all.
        receipt.Entries.RemoveAt(0);
        receipt.Entries.RemoveAt(0);
        Relink(receipt);

        var (exit, output) = await VerifyCommand(receipt);
        Assert.Equal(1, exit);
        // The first entry left was signed over batch A's last entry, and hands the child over from the embassy.
        Assert.Contains("invalid: entry 1: the signature is not parties/mediator's signature", output);
        Assert.Contains("invalid: entry 1: custody started with parties/holder-2, but the first entry hands the child over from parties/mediator", output);
    }

    public static TheoryData<string> Cuts() =>
        ["last entry dropped", "last entry dropped and the state rewritten", "middle leg dropped", "entries reordered", "genesis swapped"];

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task Every_other_cut_of_the_chain_is_refused(string cut)
    {
        var whole = await ReceiptOverTwoBatches();
        var receipt = whole.Clone();
        string? keptHead = null;
        switch (cut)
        {
            case "last entry dropped":
                // Without the claimant's receipt the child would seem to be still with the requesting party.
                receipt.Entries.RemoveAt(5);
                break;
            case "last entry dropped and the state rewritten":
                // Nothing signed follows the last entry: only a head kept from the receipt handed over shows this cut.
                receipt.Entries.RemoveAt(5);
                receipt.State = HandoverApi.HandoverCaseState.InTransfer;
                receipt.CurrentCustodian = _requester.Resource;
                keptHead = whole.HeadHash;
                break;
            case "middle leg dropped":
                receipt.Entries.RemoveAt(2);
                receipt.Entries.RemoveAt(2);
                break;
            case "entries reordered":
                (receipt.Entries[0], receipt.Entries[2]) = (receipt.Entries[2], receipt.Entries[0]);
                break;
            case "genesis swapped":
                // Batch A is cut and the chain claims to have started with the mediator, where batch B starts.
                receipt.Entries.RemoveAt(0);
                receipt.Entries.RemoveAt(0);
                receipt.OriginCustodian = _mediator.Resource;
                break;
        }
        Relink(receipt);

        var (exit, output) = await VerifyCommand(receipt, keptHead);
        Assert.Equal(1, exit);
        Assert.Contains("invalid:", output);
    }

    /// <summary>
    /// One child, verified; batch A takes it from the holding party to the embassy, where a document problem
    /// holds it back; batch B takes it from the embassy to its relative. Six signed entries.
    /// </summary>
    private async Task<HandoverApi.CustodyChain> ReceiptOverTwoBatches()
    {
        if (_receipt is not null)
            return _receipt;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = await Requests.VerifiedCase(_requester, _mediator, _holder, "two-batches-" + tag);
        var a = (await _mediator.Handover.PlanBatchAsync(Plan("a-" + tag, name, _holder, _mediator, _requester), _mediator.Headers)).Batch;
        await Acknowledge(a, name, a.Legs[0], _holder, _mediator);
        await _mediator.Handover.RecordIncidentAsync(new()
        {
            RequestId = "held-" + tag,
            Batch = a.Name,
            Case = name,
            Kind = HandoverApi.IncidentKind.DocumentProblem,
            Note = "exit document missing",
            HoldBack = true,
        }, _mediator.Headers);
        var b = (await _mediator.Handover.PlanBatchAsync(Plan("b-" + tag, name, _mediator, _requester), _mediator.Headers)).Batch;
        await Acknowledge(b, name, b.Legs[0], _mediator, _requester);
        await Acknowledge(b, name, b.Legs[1], _requester, _requester);
        return _receipt = (await _requester.Handover.GetCustodyChainAsync(new() { Case = name }, _requester.Headers)).Chain;
    }

    private static HandoverApi.PlanBatchRequest Plan(string requestId, string name, params PartyClient[] custodians)
    {
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = requestId,
            Cases = { name },
            Venue = new Common.Place { Region = "Capital", Institution = "Embassy of the mediating state" },
            ScheduledTime = Requests.Now(),
        };
        for (var i = 0; i < custodians.Length; i++)
            plan.Legs.Add(new HandoverApi.LegPlan
            {
                FromCustodian = custodians[i].Resource,
                ToCustodian = i + 1 < custodians.Length ? custodians[i + 1].Resource : "claimant",
                Place = $"place {i + 1}",
            });
        return plan;
    }

    private static async Task Acknowledge(HandoverApi.Batch batch, string name, HandoverApi.Leg leg, PartyClient giver, PartyClient receiver)
    {
        await giver.Handover.AcknowledgeCustodyAsync(await giver.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Giver), giver.Headers);
        await receiver.Handover.AcknowledgeCustodyAsync(await receiver.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Receiver), receiver.Headers);
    }

    /// <summary>What a forger with write access does after a cut: renumber, recompute every unsigned link and the head.</summary>
    private static void Relink(HandoverApi.CustodyChain receipt)
    {
        var previous = CustodyStatement.Genesis;
        for (var i = 0; i < receipt.Entries.Count; i++)
        {
            var e = receipt.Entries[i];
            e.Sequence = i + 1;
            e.PreviousHash = previous;
            e.EntryHash = previous = ReceiptVerifier.StatementOf(receipt, e)!.EntryHash(e.Signature.ToByteArray());
        }
        receipt.HeadHash = previous;
    }

    private static async Task<(int Exit, string Output)> VerifyCommand(HandoverApi.CustodyChain receipt, string? keptHead = null)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(new HandoverApi.GetCustodyChainResponse { Chain = receipt }));
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mediation.Handover.dll"), "verify-receipt", file, PartiesFile, .. (keptHead is null ? [] : new[] { keptHead })])
            {
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
