using Google.Protobuf;
using Grpc.Core;
using Mediation.Host.Demo;
using Common = Mediation.Api.Common.V1;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Issue 20, finding 4: after <c>WithdrawShareConsent</c> the holding party no longer saw the child in GetCase, but
/// GetChecklist and ListPendingChecks still gave it the checks' reasons and requests for information (a relative's
/// address and phone), ProvideInformation from it was accepted, and replaying its earlier calls returned the stored
/// answers with the child's name and birth date. Now every read and every replay goes through today's rules.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class WithdrawnConsentStopsSharingEverywhereTests(EmbeddedHost host)
{
    private const string Asked = "Does the child know her aunt at 12 Secret Street, phone +000 55 9999?";

    private readonly PartyClient _requester = host.Party("requester-2", "officer-r2");
    private readonly PartyClient _mediator = host.Party("mediator", "officer-m");
    private readonly PartyClient _holder = host.Party("holder-1", "officer-h1");

    /// <summary>Nothing of the child, the relatives or what was asked about them, in any field of <paramref name="seen"/>.</summary>
    private static void NothingShared(IMessage seen)
    {
        var text = JsonFormatter.Default.Format(seen);
        foreach (var shared in new[] { "Iryna", "Testchuk", "Secret Street", "+000", "Test Region", "Shelter 7", "birth-certificate", "Registry office", "officer-r2" })
            Assert.DoesNotContain(shared, text);
    }

    private async Task<List<VerificationApi.PendingCheck>> Pending(PartyClient party)
    {
        var checks = new List<VerificationApi.PendingCheck>();
        var request = new VerificationApi.ListPendingChecksRequest { PageSize = 500 };
        do
        {
            var page = await party.Verification.ListPendingChecksAsync(request, party.Headers);
            checks.AddRange(page.Checks);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return checks;
    }

    [Fact]
    public async Task Once_the_consent_is_withdrawn_the_holding_party_gets_no_reason_no_request_and_no_replayed_child()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("s-" + tag), _requester.Headers)).Cases[0].Name;
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = "a-" + tag, Name = name }, _mediator.Headers);
        await _mediator.Requests.ForwardCaseAsync(new() { RequestId = "f-" + tag, Name = name, HoldingParty = _holder.Resource }, _mediator.Headers);
        var located = new RequestsApi.ReportCaseLocatedRequest { RequestId = "l-" + tag, Name = name, Location = new Common.Place { Region = "Test Region", Institution = "Shelter 7" } };
        Assert.Equal("Iryna", (await _holder.Requests.ReportCaseLocatedAsync(located, _holder.Headers)).Case.Child.GivenName);
        var checklist = name + "/checklist";
        await Requests.Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = checklist }, _mediator.Headers).ResponseAsync);

        // The requesting party asks the holding party about a relative; the holding party attests the child's identity.
        await _requester.Verification.AttestCheckAsync(new()
        {
            RequestId = "r-" + tag, Checklist = checklist, Check = VerificationApi.CheckType.Relationship,
            Outcome = VerificationApi.AttestationOutcome.MoreInfoNeeded, Reason = Asked, InfoFrom = Common.PartyKind.Holding,
        }, _requester.Headers);
        var identity = new VerificationApi.AttestCheckRequest
        {
            RequestId = "i-" + tag, Checklist = checklist, Check = VerificationApi.CheckType.Identity, Outcome = VerificationApi.AttestationOutcome.Passed,
            Evidence = { new VerificationApi.EvidenceReference { Kind = "birth-certificate", Issuer = "Registry office", Sha256 = new string('a', 64) } },
        };
        var attested = (await _holder.Verification.AttestCheckAsync(identity, _holder.Headers)).Checklist;
        Assert.Contains(attested.Checks, c => c.Reason == Asked);
        Assert.Contains(await Pending(_holder), p => p.Case == name && p.Reason == Asked);

        await _requester.Requests.WithdrawShareConsentAsync(new() { RequestId = "w-" + tag, Name = name, WithdrawnBy = "the mother" }, _requester.Headers);
        await Requests.Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = checklist }, _mediator.Headers).ResponseAsync, r => r.Checklist.SharingStopped);

        // Reads: the checklist's shape and states, nothing said in it; no pending work on the case.
        var seen = (await _holder.Verification.GetChecklistAsync(new() { Name = checklist }, _holder.Headers)).Checklist;
        Assert.True(seen.SharingStopped);
        Assert.NotEmpty(seen.Checks);
        Assert.All(seen.Checks, c => Assert.Equal((string.Empty, 0, string.Empty), (c.Reason, c.Evidence.Count, c.AttestedByOfficer)));
        NothingShared(seen);
        Assert.DoesNotContain(await Pending(_holder), p => p.Case == name);

        // Writes: the holding party's answer is refused, and nothing of it is kept.
        var provide = await Assert.ThrowsAsync<RpcException>(() => _holder.Verification.ProvideInformationAsync(new()
        {
            RequestId = "p-" + tag, Checklist = checklist, Check = VerificationApi.CheckType.Relationship, Note = "she knows her aunt well",
        }, _holder.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, provide.StatusCode);
        var kept = (await _mediator.Verification.GetChecklistAsync(new() { Name = checklist }, _mediator.Headers)).Checklist;
        var relationship = kept.Checks.Single(c => c.Type == VerificationApi.CheckType.Relationship);
        Assert.Equal((VerificationApi.CheckState.MoreInfoNeeded, Asked), (relationship.State, relationship.Reason));

        // Replays of its earlier calls, with their request ids: the same status, the answer as a read gives it today.
        var replayedCase = (await _holder.Requests.ReportCaseLocatedAsync(located, _holder.Headers)).Case;
        Assert.True(replayedCase.SharingStopped);
        Assert.Null(replayedCase.Child);
        Assert.Null(replayedCase.CurrentLocation);
        NothingShared(replayedCase);
        var replayedChecklist = (await _holder.Verification.AttestCheckAsync(identity, _holder.Headers)).Checklist;
        Assert.True(replayedChecklist.SharingStopped);
        NothingShared(replayedChecklist);

        // The requesting party, whose data it is, still reads all of it, replays included.
        Assert.Equal("Iryna", (await _requester.Requests.GetCaseAsync(new() { Name = name }, _requester.Headers)).Case.Child.GivenName);
        var own = (await _requester.Verification.GetChecklistAsync(new() { Name = checklist }, _requester.Headers)).Checklist;
        Assert.Contains(own.Checks, c => c.Reason == Asked);
    }

    [Fact]
    public async Task Once_the_consent_is_withdrawn_the_holding_party_reads_no_incident_note_about_the_child_nor_replays_one()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = await Requests.VerifiedCase(_requester, _mediator, _holder, "inc-" + tag);
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = "p-" + tag, Cases = { name }, Venue = new Common.Place { Region = "Capital" }, ScheduledTime = Requests.Now(),
            Legs =
            {
                new HandoverApi.LegPlan { FromCustodian = _holder.Resource, ToCustodian = _mediator.Resource, Place = "Embassy" },
                new HandoverApi.LegPlan { FromCustodian = _mediator.Resource, ToCustodian = _requester.Resource, Place = "Crossing" },
                new HandoverApi.LegPlan { FromCustodian = _requester.Resource, ToCustodian = "claimant", Place = "Home" },
            },
        };
        var batch = (await _mediator.Handover.PlanBatchAsync(plan, _mediator.Headers)).Batch;
        var incident = new HandoverApi.RecordIncidentRequest
        {
            RequestId = "i-" + tag, Batch = batch.Name, Case = name, Kind = HandoverApi.IncidentKind.ChildUnwell,
            Note = "Iryna has asthma; her aunt at 12 Secret Street brings the inhaler",
        };
        Assert.Contains("Secret Street", (await _holder.Handover.RecordIncidentAsync(incident, _holder.Headers)).Batch.Incidents.Single().Note);

        await _requester.Requests.WithdrawShareConsentAsync(new() { RequestId = "w-" + tag, Name = name, WithdrawnBy = "the mother" }, _requester.Headers);
        await Requests.Eventually(() => _mediator.Handover.GetCustodyChainAsync(new() { Case = name }, _mediator.Headers).ResponseAsync, r => r.Chain.SharingStopped);

        var seen = (await _holder.Handover.GetBatchAsync(new() { Name = batch.Name }, _holder.Headers)).Batch;
        var kept = Assert.Single(seen.Incidents);
        Assert.Equal((name, HandoverApi.IncidentKind.ChildUnwell, "", ""), (kept.Case, kept.Kind, kept.Note, kept.ReportedByOfficer));
        NothingShared(seen);
        NothingShared(await _holder.Handover.RecordIncidentAsync(incident, _holder.Headers));
        Assert.Contains("Secret Street", (await _mediator.Handover.GetBatchAsync(new() { Name = batch.Name }, _mediator.Headers)).Batch.Incidents.Single().Note);
    }
}
