using System.Diagnostics;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Mediation.Api.Custody;
using Mediation.Client;
using Mediation.Host.Demo;
using HandoverApi = Mediation.Api.Handover.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// Custody acknowledgements are statements signed by the acknowledging party; the chain a case ends with
/// is a receipt anyone can check offline, and any tampering with it shows.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class CustodyReceiptTests(EmbeddedHost host)
{
    private static readonly string PartiesFile = Path.Combine(AppContext.BaseDirectory, "parties.demo.json");
    private readonly PartyClient _requester = host.Party("requester-2");
    private readonly PartyClient _holder = host.Party("holder-2");
    private readonly PartyClient _mediator = host.Party("mediator");

    private async Task<HandoverApi.CustodyChain> Receipt()
    {
        var outcome = await host.ReferenceCase;
        return (await _mediator.Handover.GetCustodyChainAsync(new() { Case = outcome.Cases[0] }, _mediator.Headers)).Chain;
    }

    [Fact]
    public async Task A_real_receipt_verifies_with_the_library_and_the_command_line()
    {
        var receipt = await Receipt();
        Assert.Equal(6, receipt.Entries.Count);
        Assert.Empty(ReceiptVerifier.Problems(receipt, host.Keys.PublicKeysByResource));
        var (exit, output) = await VerifyCommand(receipt);
        Assert.Equal(0, exit);
        Assert.StartsWith("receipt valid: " + receipt.Case, output);
    }

    public static TheoryData<string> Tamperings() => ["entry changed", "entry removed", "entries reordered", "re-signed by the wrong party"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Every_kind_of_tampering_is_detected(string tampering)
    {
        var receipt = (await Receipt()).Clone();
        switch (tampering)
        {
            case "entry changed":
                receipt.Entries[2].Place = "somewhere else";
                break;
            case "entry removed":
                receipt.Entries.RemoveAt(1);
                Relink(receipt);
                break;
            case "entries reordered":
                // The embassy's hand-over at the crossing moved before it had received the child.
                (receipt.Entries[1], receipt.Entries[2]) = (receipt.Entries[2], receipt.Entries[1]);
                Relink(receipt);
                break;
            case "re-signed by the wrong party":
                // The mediator claims the holding party's hand-over of leg 1 as its own, signed with its own key.
                var entry = receipt.Entries[0];
                entry.Party = "parties/mediator";
                var statement = ReceiptVerifier.StatementOf(receipt, entry)!;
                entry.Signature = ByteString.CopyFrom(host.Keys.Client(ServiceAddresses.Embedded(host.Address), "mediator", "x").Sign(statement));
                Relink(receipt);
                break;
        }
        Assert.NotEmpty(ReceiptVerifier.Problems(receipt, host.Keys.PublicKeysByResource));
        var (exit, output) = await VerifyCommand(receipt);
        Assert.Equal(1, exit);
        Assert.Contains("invalid:", output);
    }

    [Fact]
    public async Task An_acknowledgement_with_a_bad_signature_or_by_the_wrong_party_is_refused_and_nothing_recorded()
    {
        var name = await Requests.VerifiedCase(_requester, _mediator, _holder, Guid.NewGuid().ToString("N")[..8]);
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = "batch-" + name,
            Cases = { name },
            Venue = new Common.Place { Region = "Capital" },
            ScheduledTime = Requests.Now(),
            Legs =
            {
                new HandoverApi.LegPlan { FromCustodian = _holder.Resource, ToCustodian = _mediator.Resource, Place = "Embassy" },
                new HandoverApi.LegPlan { FromCustodian = _mediator.Resource, ToCustodian = _requester.Resource, Place = "Crossing" },
                new HandoverApi.LegPlan { FromCustodian = _requester.Resource, ToCustodian = "claimant", Place = "Home" },
            },
        };
        var batch = (await _mediator.Handover.PlanBatchAsync(plan, _mediator.Headers)).Batch;
        var leg = batch.Legs[0];

        var forged = await _holder.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Giver);
        var bytes = forged.Signature.ToByteArray();
        bytes[10] ^= 0xff;
        forged.Signature = ByteString.CopyFrom(bytes);
        Assert.Equal("signature", (await Refused(StatusCode.InvalidArgument, _holder, forged)).Single());

        // Signed by another party's key: the holding party's call carrying the requesting party's signature.
        var borrowed = await _holder.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Giver);
        borrowed.Signature = ByteString.CopyFrom(_requester.Sign(Statement(name, batch.Name, leg, "GIVER", _holder.Resource, borrowed.AcknowledgeTime.ToDateTime(), _holder.Resource)));
        Assert.Equal("signature", (await Refused(StatusCode.InvalidArgument, _holder, borrowed)).Single());

        // The mediator is the receiver of leg 1, not its giver, whatever it signs.
        await Refused(StatusCode.PermissionDenied, _mediator, await _mediator.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Giver));

        var stale = await _holder.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Giver, DateTime.UtcNow.AddMinutes(-30));
        Assert.Equal("acknowledge_time", (await Refused(StatusCode.InvalidArgument, _holder, stale)).Single());

        var chain = (await _mediator.Handover.GetCustodyChainAsync(new() { Case = name }, _mediator.Headers)).Chain;
        Assert.Empty(chain.Entries);
        Assert.Equal(_holder.Resource, chain.CurrentCustodian);

        var accepted = await _holder.Handover.AcknowledgeCustodyAsync(await _holder.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Giver), _holder.Headers);
        Assert.Equal(CustodyStatement.Genesis, Assert.Single(accepted.Chain.Entries).PreviousHash);
    }

    private static async Task<IReadOnlyList<string>> Refused(StatusCode code, PartyClient by, HandoverApi.AcknowledgeCustodyRequest request)
    {
        request.RequestId = Guid.NewGuid().ToString("N");
        var e = await Assert.ThrowsAsync<RpcException>(() => by.Handover.AcknowledgeCustodyAsync(request, by.Headers).ResponseAsync);
        Assert.Equal(code, e.StatusCode);
        return e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
    }

    private static CustodyStatement Statement(string caseName, string batch, HandoverApi.Leg leg, string role, string party, DateTime time, string origin) =>
        new(caseName, origin, CustodyStatement.Genesis, batch, leg.Number, role == "GIVER" ? HandoverApi.CustodyRole.Giver : HandoverApi.CustodyRole.Receiver, leg.FromCustodian, leg.ToCustodian, party, leg.Place, time);

    /// <summary>What a forger with write access would do after editing: renumber and recompute every link and the head.</summary>
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

    private static async Task<(int Exit, string Output)> VerifyCommand(HandoverApi.CustodyChain receipt)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(new HandoverApi.GetCustodyChainResponse { Chain = receipt }));
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mediation.Handover.dll"), "verify-receipt", file, PartiesFile])
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
