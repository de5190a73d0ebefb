using Google.Rpc;
using Grpc.Core;
using Mediation.Host.Demo;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.IntegrationTests;

/// <summary>Consent decides what crosses the line: without consent to share, only the mediator's recorded override forwards a case.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ConsentTests(EmbeddedHost host)
{
    private readonly PartyClient _requester = host.Party("requester-2");
    private readonly PartyClient _holder = host.Party("holder-2");
    private readonly PartyClient _mediator = host.Party("mediator");

    [Fact]
    public async Task A_case_without_consent_to_share_is_forwarded_only_on_the_mediators_override_with_a_reason()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var submit = Requests.OneChild("noshare-" + tag);
        submit.Children[0].Consent.Share = new RequestsApi.ConsentGrant { Given = false };
        var name = (await _requester.Requests.SubmitRequestAsync(submit, _requester.Headers)).Cases[0].Name;
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = "a-" + tag, Name = name }, _mediator.Headers);

        var refused = await Assert.ThrowsAsync<RpcException>(() => _mediator.Requests.ForwardCaseAsync(
            new() { RequestId = "f1-" + tag, Name = name, HoldingParty = _holder.Resource }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("consent_override_reason", refused.Status.Detail);

        var forwarded = await _mediator.Requests.ForwardCaseAsync(new()
        {
            RequestId = "f2-" + tag,
            Name = name,
            HoldingParty = _holder.Resource,
            ConsentOverrideReason = "the claimant cannot be reached; the child's safety requires tracing now",
        }, _mediator.Headers);
        Assert.Equal(RequestsApi.CaseStage.Forwarded, forwarded.Case.Stage);
        Assert.StartsWith("the claimant cannot be reached", forwarded.Case.ConsentOverrideReason);
        Assert.False(forwarded.Case.Consent.Share.Given);

        var seenByHolder = (await _holder.Requests.GetCaseAsync(new() { Name = name }, _holder.Headers)).Case;
        Assert.Null(seenByHolder.Consent);
        Assert.Empty(seenByHolder.ConsentOverrideReason);
        var timeline = await _requester.Requests.ListCaseEventsAsync(new() { Parent = name }, _requester.Headers);
        Assert.Contains(timeline.Events, e => e.Type == "CaseForwarded" && e.Summary.Contains("without consent to share"));
    }

    [Fact]
    public async Task Not_locating_a_child_says_what_was_tried()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("nl-" + tag), _requester.Headers)).Cases[0].Name;
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = "a-" + tag, Name = name }, _mediator.Headers);
        await _mediator.Requests.ForwardCaseAsync(new() { RequestId = "f-" + tag, Name = name, HoldingParty = _holder.Resource }, _mediator.Headers);

        var bare = await Assert.ThrowsAsync<RpcException>(() => _holder.Requests.ReportCaseNotLocatedAsync(new() { RequestId = "n1-" + tag, Name = name }, _holder.Headers).ResponseAsync);
        Assert.Equal("tried", bare.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        var answered = await _holder.Requests.ReportCaseNotLocatedAsync(new() { RequestId = "n2-" + tag, Name = name, Tried = "registers of three districts and two institutions" }, _holder.Headers);
        Assert.Equal(RequestsApi.CaseStage.NotLocated, answered.Case.Stage);
        Assert.Equal("registers of three districts and two institutions", (await _requester.Requests.GetCaseAsync(new() { Name = name }, _requester.Headers)).Case.NotLocatedNote);
    }

    [Fact]
    public async Task Withdrawing_the_consent_to_share_stops_the_holding_partys_part_in_every_service()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var located = await Requests.LocatedCase(_requester, _mediator, _holder, "stop-" + tag);
        await Requests.Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = located + "/checklist" }, _mediator.Headers).ResponseAsync);

        var withdrawn = await _requester.Requests.WithdrawShareConsentAsync(new() { RequestId = "w-" + tag, Name = located, WithdrawnBy = "the mother" }, _requester.Headers);
        Assert.True(withdrawn.Case.SharingStopped);
        Assert.Equal("the mother", withdrawn.Case.Consent.ShareWithdrawnBy);
        var seen = (await _holder.Requests.GetCaseAsync(new() { Name = located }, _holder.Headers)).Case;
        Assert.True(seen.SharingStopped);
        Assert.Null(seen.Child);
        Assert.Empty(seen.Claimants);
        Assert.Null(seen.CurrentLocation);

        await Requests.Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = located + "/checklist" }, _mediator.Headers).ResponseAsync, r => r.Checklist.SharingStopped);
        var attest = await Assert.ThrowsAsync<RpcException>(() => _holder.Verification.AttestCheckAsync(new()
        {
            RequestId = "i-" + tag,
            Checklist = located + "/checklist",
            Check = VerificationApi.CheckType.Identity,
            Outcome = VerificationApi.AttestationOutcome.Passed,
        }, _holder.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, attest.StatusCode);
        var again = await Assert.ThrowsAsync<RpcException>(() => _requester.Requests.WithdrawShareConsentAsync(new() { RequestId = "w2-" + tag, Name = located, WithdrawnBy = "the mother" }, _requester.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        // A verified case: handover plans no transfer once the consent is withdrawn.
        var verified = await Requests.VerifiedCase(_requester, _mediator, _holder, "stopv-" + tag);
        await _requester.Requests.WithdrawShareConsentAsync(new() { RequestId = "wv-" + tag, Name = verified, WithdrawnBy = "the mother" }, _requester.Headers);
        await Requests.Eventually(() => _mediator.Handover.GetCustodyChainAsync(new() { Case = verified }, _mediator.Headers).ResponseAsync, r => r.Chain.SharingStopped);
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = "p-" + tag,
            Cases = { verified },
            Venue = new Mediation.Api.Common.V1.Place { Region = "Capital" },
            ScheduledTime = Requests.Now(),
            Legs =
            {
                new HandoverApi.LegPlan { FromCustodian = _holder.Resource, ToCustodian = _requester.Resource, Place = "Crossing" },
                new HandoverApi.LegPlan { FromCustodian = _requester.Resource, ToCustodian = "claimant", Place = "Home" },
            },
        };
        var refused = await Assert.ThrowsAsync<RpcException>(() => _mediator.Handover.PlanBatchAsync(plan, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("consent to share", refused.Status.Detail);
    }
}
