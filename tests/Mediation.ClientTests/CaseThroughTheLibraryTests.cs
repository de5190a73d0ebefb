using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Mediation.Api.Custody;
using Mediation.Client;
using Mediation.Host.Demo;
using Mediation.IntegrationTests;
using Submissions = Mediation.IntegrationTests.Requests;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.ClientTests;

/// <summary>A case taken to CLOSED by the parties' typed clients, and what a partner sees when the service refuses.</summary>
public class CaseThroughTheLibraryTests(EmbeddedHost host) : IClassFixture<EmbeddedHost>
{
    private ServiceAddresses At => ServiceAddresses.Embedded(host.Address);

    [Fact]
    public async Task A_case_goes_from_submission_to_closed_through_the_party_clients()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var requester = host.Keys.Requesting(At, "requester-1", "officer-r1");
        await using var feed = new CaseEventFeed(requester);
        var steps = new CaseSteps(requester, host.Keys.Holding(At, "holder-1", "officer-h1"), host.Keys.Mediator(At, "officer-m1"), feed: feed);

        // No request id given: the library chooses one.
        var submitted = await requester.SubmitRequestAsync(Submissions.OneChild(requestId: ""), ct);
        var name = Assert.Single(submitted.Cases).Name;
        await steps.ReviewAndLocate(name, new Common.Place { Region = "Test Region", Settlement = "Test Town" }, ct);
        await steps.PassEveryCheck(name, ct);
        await steps.AwaitHandover(name, ct);
        var batch = await steps.PlanBatch(MediationPartyClient.NewRequestId(), [name], ct);

        // The holding party's officer signs with another party's key: the service names the field and what it expected.
        var wrongKey = new HoldingPartyClient(steps.Holder.Connection, "holder-1", host.Keys.CustodyKeyOf("requester-1"));
        var refused = await Assert.ThrowsAsync<MediationRefusal>(() => wrongKey.AcknowledgeCustodyAsync(batch.Name, name, 1, HandoverApi.CustodyRole.Giver, ct));
        Assert.Equal(StatusCode.InvalidArgument, refused.Code);
        Assert.Contains("mediation.custody.v2", Assert.Single(refused.FieldViolations, v => v.Field == "signature").Description);

        foreach (var leg in batch.Legs)
            await steps.AcknowledgeLeg(batch, leg, name, ct);
        await steps.FollowUpAndClose(name, ct);
        await steps.AwaitClosed(name, ct);

        Assert.Equal(RequestsApi.CaseStage.Closed, (await requester.GetCaseAsync(name, ct)).Case.Stage);
        var receipt = (await requester.GetCustodyChainAsync(name, ct)).Chain;
        Assert.Equal(6, receipt.Entries.Count);
        Assert.Empty(ReceiptVerifier.Problems(receipt, host.Keys.PublicKeysByResource));
    }

    [Fact]
    public async Task A_real_receipt_verifies_offline_and_a_tampered_one_does_not()
    {
        var outcome = await host.ReferenceCase;
        var mediator = host.Keys.Mediator(At, "officer-m1");
        var receipt = (await mediator.GetCustodyChainAsync(outcome.Cases[0])).Chain;
        Assert.Empty(ReceiptVerifier.Problems(receipt, host.Keys.PublicKeysByResource));

        var movedPlace = receipt.Clone();
        movedPlace.Entries[1].Place = "Somewhere else";
        Assert.Contains(ReceiptVerifier.Problems(movedPlace, host.Keys.PublicKeysByResource), p => p.StartsWith("entry 2: the signature is not", StringComparison.Ordinal));

        var flippedSignature = receipt.Clone();
        var bytes = flippedSignature.Entries[0].Signature.ToByteArray();
        bytes[5] ^= 0x01;
        flippedSignature.Entries[0].Signature = ByteString.CopyFrom(bytes);
        Assert.NotEmpty(ReceiptVerifier.Problems(flippedSignature, host.Keys.PublicKeysByResource));

        var cutAtTheEnd = receipt.Clone();
        cutAtTheEnd.Entries.RemoveAt(cutAtTheEnd.Entries.Count - 1);
        cutAtTheEnd.HeadHash = cutAtTheEnd.Entries[^1].EntryHash;
        Assert.Contains(ReceiptVerifier.Problems(cutAtTheEnd, host.Keys.PublicKeysByResource, keptHead: receipt.HeadHash), p => p.Contains("head_hash you kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_observer_reads_the_same_aggregates_as_the_mediator()
    {
        await host.ReferenceCase;
        using var connection = new MediationConnection(At, PartyCredentials.ApiKey(host.Keys.KeyOf("observer")), "officer-o1");
        var observer = new ObserverClient(connection, "observer");

        var seen = (await observer.GetCaseReportAsync()).Report;

        Assert.False(seen.Cases.Suppressed);
        Assert.True(seen.Cases.Children >= 11, $"{seen.Cases.Children} cases counted");
        Assert.Equal(seen.Cases, (await host.Keys.Mediator(At, "officer-m1").GetCaseReportAsync()).Report.Cases);
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_at_once_with_the_decoded_status()
    {
        using var connection = new MediationConnection(At, PartyCredentials.ApiKey("not-anyones-key"), "officer-r1");
        var stranger = new RequestingPartyClient(connection, "requester-1");

        var refused = await Assert.ThrowsAsync<MediationRefusal>(() => stranger.SubmitRequestAsync(Submissions.OneChild(requestId: "")));

        Assert.Equal(StatusCode.Unauthenticated, refused.Code);
        // Waiting does not make a key valid: the call was not tried again.
        Assert.Equal(1, refused.Attempts);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_every_field_violation_decoded()
    {
        var requester = host.Keys.Requesting(At, "requester-1", "officer-r1");
        var request = Submissions.OneChild(requestId: "");
        request.Children[0].Child.BirthDate = new Common.CalendarDate { Year = DateTime.UtcNow.Year + 1, Month = 1, Day = 1 };
        request.Children[0].Claimants.Clear();

        var refused = await Assert.ThrowsAsync<MediationRefusal>(() => requester.SubmitRequestAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, refused.Code);
        Assert.Contains(refused.FieldViolations, v => v.Field == "children[0].child.birth_date");
        Assert.Contains(refused.FieldViolations, v => v.Field.StartsWith("children[0].claimants", StringComparison.Ordinal));
        Assert.Equal(1, refused.Attempts);
    }

    [Fact]
    public void A_custody_key_read_from_pem_is_the_party_key_the_service_knows()
    {
        var pkcs8 = Convert.FromBase64String(host.Keys.SigningKeyOf("holder-1"));
        using var fromPem = CustodyKey.FromPem(PemEncoding.WriteString("PRIVATE KEY", pkcs8));

        Assert.Equal(host.Keys.PublicKeysByResource["parties/holder-1"], fromPem.PublicKey);
        Assert.Throws<ArgumentException>(() => CustodyKey.FromPem("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"));
    }
}
