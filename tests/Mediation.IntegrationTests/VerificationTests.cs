using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>Every attestation rule, through gRPC, as the parties meet them.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class VerificationTests(EmbeddedHost host)
{
    private readonly PartyClient _requester = host.Party("requester-2");
    private readonly PartyClient _holder = host.Party("holder-2");
    private readonly PartyClient _mediator = host.Party("mediator");
    private readonly PartyClient _observer = host.Party("observer");
    private readonly PartyClient _otherHolder = host.Party("holder-1");

    private static string Tag() => Guid.NewGuid().ToString("N")[..10];

    private async Task<VerificationApi.Checklist> OpenChecklist()
    {
        var name = await Requests.LocatedCase(_requester, _mediator, _holder, Tag());
        return (await Requests.Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, _mediator.Headers).ResponseAsync)).Checklist;
    }

    private PartyClient OwnerOf(VerificationApi.Check check) => check.OwnerKind switch
    {
        Common.PartyKind.Requesting => _requester,
        Common.PartyKind.Holding => _holder,
        _ => _mediator,
    };

    private static VerificationApi.AttestCheckRequest Attestation(VerificationApi.Checklist list, VerificationApi.CheckType check,
        VerificationApi.AttestationOutcome outcome = VerificationApi.AttestationOutcome.Passed, string reason = "") => new()
    {
        RequestId = Tag(),
        Checklist = list.Name,
        Check = check,
        Outcome = outcome,
        Reason = reason,
        Evidence = { new VerificationApi.EvidenceReference { Kind = "record", Issuer = "registry", Sha256 = new string('a', 64) } },
    };

    private async Task<RpcException> Refused(StatusCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, e.StatusCode);
        return e;
    }

    [Fact]
    public async Task Parties_that_may_not_see_the_case_get_not_found_and_the_wrong_kind_is_denied()
    {
        var list = await OpenChecklist();
        await Refused(StatusCode.NotFound, () => _otherHolder.Verification.AttestCheckAsync(Attestation(list, VerificationApi.CheckType.Identity), _otherHolder.Headers).ResponseAsync);
        await Refused(StatusCode.NotFound, () => _observer.Verification.GetChecklistAsync(new() { Name = list.Name }, _observer.Headers).ResponseAsync);
        await Refused(StatusCode.PermissionDenied, () => _mediator.Verification.AttestCheckAsync(Attestation(list, VerificationApi.CheckType.Identity), _mediator.Headers).ResponseAsync);
        var now = (await _mediator.Verification.GetChecklistAsync(new() { Name = list.Name }, _mediator.Headers)).Checklist;
        Assert.All(now.Checks, c => Assert.Equal(VerificationApi.CheckState.Pending, c.State));
    }

    [Fact]
    public async Task The_same_attestation_sent_twice_is_applied_once()
    {
        var list = await OpenChecklist();
        var attest = Attestation(list, VerificationApi.CheckType.Identity);
        var first = await _holder.Verification.AttestCheckAsync(attest, _holder.Headers);
        var again = await _holder.Verification.AttestCheckAsync(attest, _holder.Headers);
        Assert.Equal(first, again);
        // A new request id for a check already settled is refused, not applied a second time.
        await Refused(StatusCode.FailedPrecondition, () => _holder.Verification.AttestCheckAsync(Attestation(list, VerificationApi.CheckType.Identity), _holder.Headers).ResponseAsync);

        var timeline = await Requests.Eventually(() => _requester.Requests.ListCaseEventsAsync(new() { Parent = list.Case }, _requester.Headers).ResponseAsync,
            r => r.Events.Any(e => e.Type == "CheckAttested"));
        Assert.Single(timeline.Events, e => e.Type == "CheckAttested");
    }

    [Fact]
    public async Task Concurrent_attestations_by_different_parties_all_land_whatever_their_order()
    {
        for (var round = 0; round < 3; round++)
        {
            var list = await OpenChecklist();
            var others = list.Checks.Where(c => c.Type != VerificationApi.CheckType.BestInterests).ToList();
            await Task.WhenAll(others.Select(c => OwnerOf(c).Verification.AttestCheckAsync(Attestation(list, c.Type), OwnerOf(c).Headers).ResponseAsync));
            var after = (await _mediator.Verification.GetChecklistAsync(new() { Name = list.Name }, _mediator.Headers)).Checklist;
            Assert.All(after.Checks.Where(c => c.Type != VerificationApi.CheckType.BestInterests), c => Assert.Equal(VerificationApi.CheckState.Passed, c.State));
            Assert.Equal(VerificationApi.ChecklistState.Open, after.State);

            var signed = await _mediator.Verification.AttestCheckAsync(Attestation(list, VerificationApi.CheckType.BestInterests), _mediator.Headers);
            Assert.Equal(VerificationApi.ChecklistState.Verified, signed.Checklist.State);
        }
    }

    [Fact]
    public async Task A_failed_check_stops_the_case_until_the_mediator_reopens_it()
    {
        var list = await OpenChecklist();
        var failed = await _requester.Verification.AttestCheckAsync(
            Attestation(list, VerificationApi.CheckType.Relationship, VerificationApi.AttestationOutcome.Failed, "birth record names another mother"), _requester.Headers);
        Assert.Equal(VerificationApi.ChecklistState.Failed, failed.Checklist.State);
        Assert.Equal("birth record names another mother", failed.Checklist.Checks.Single(c => c.Type == VerificationApi.CheckType.Relationship).Reason);
        await Requests.Eventually(() => _requester.Requests.GetCaseAsync(new() { Name = list.Case }, _requester.Headers).ResponseAsync,
            r => r.Case.Stage == RequestsApi.CaseStage.VerificationFailed);
        await Refused(StatusCode.FailedPrecondition, () => _holder.Verification.AttestCheckAsync(Attestation(list, VerificationApi.CheckType.Identity), _holder.Headers).ResponseAsync);

        await Refused(StatusCode.PermissionDenied, () => _requester.Verification.ReopenChecklistAsync(new() { RequestId = Tag(), Checklist = list.Name, Reason = "please" }, _requester.Headers).ResponseAsync);
        var reopened = await _mediator.Verification.ReopenChecklistAsync(new() { RequestId = Tag(), Checklist = list.Name, Reason = "new civil record found" }, _mediator.Headers);
        Assert.Equal(VerificationApi.ChecklistState.Open, reopened.Checklist.State);
        Assert.Equal(VerificationApi.CheckState.Pending, reopened.Checklist.Checks.Single(c => c.Type == VerificationApi.CheckType.Relationship).State);
        await Requests.Eventually(() => _requester.Requests.GetCaseAsync(new() { Name = list.Case }, _requester.Headers).ResponseAsync,
            r => r.Case.Stage == RequestsApi.CaseStage.InVerification);
        await Refused(StatusCode.FailedPrecondition, () => _mediator.Verification.ReopenChecklistAsync(new() { RequestId = Tag(), Checklist = list.Name, Reason = "again" }, _mediator.Headers).ResponseAsync);
    }

    [Fact]
    public async Task More_information_puts_the_check_in_the_pending_work_of_the_party_asked()
    {
        var list = await OpenChecklist();
        var attest = Attestation(list, VerificationApi.CheckType.Identity, VerificationApi.AttestationOutcome.MoreInfoNeeded, "a recent photograph");
        attest.InfoFrom = Common.PartyKind.Requesting;
        var asked = await _holder.Verification.AttestCheckAsync(attest, _holder.Headers);
        var identity = asked.Checklist.Checks.Single(c => c.Type == VerificationApi.CheckType.Identity);
        Assert.Equal(Common.PartyKind.Requesting, identity.WaitingOn);

        var requesterWork = await _requester.Verification.ListPendingChecksAsync(new(), _requester.Headers);
        var item = Assert.Single(requesterWork.Checks, c => c.Case == list.Case && c.Type == VerificationApi.CheckType.Identity);
        Assert.Equal("a recent photograph", item.Reason);
        Assert.NotNull(item.DueTime);
        Assert.DoesNotContain((await _holder.Verification.ListPendingChecksAsync(new(), _holder.Headers)).Checks,
            c => c.Case == list.Case && c.Type == VerificationApi.CheckType.Identity);

        await Refused(StatusCode.PermissionDenied, () => _holder.Verification.ProvideInformationAsync(
            new() { RequestId = Tag(), Checklist = list.Name, Check = VerificationApi.CheckType.Identity, Note = "here" }, _holder.Headers).ResponseAsync);
        await _requester.Verification.ProvideInformationAsync(new()
        {
            RequestId = Tag(),
            Checklist = list.Name,
            Check = VerificationApi.CheckType.Identity,
            Note = "photograph sent through the mediator",
            Evidence = { new VerificationApi.EvidenceReference { Kind = "photograph", Issuer = "requester-2", Sha256 = new string('b', 64) } },
        }, _requester.Headers);
        Assert.Contains((await _holder.Verification.ListPendingChecksAsync(new(), _holder.Headers)).Checks,
            c => c.Case == list.Case && c.Type == VerificationApi.CheckType.Identity && c.State == VerificationApi.CheckState.Pending);
    }
}
