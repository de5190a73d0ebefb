using Google.Rpc;
using Grpc.Core;
using Mediation.Host.Demo;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>What the API must refuse, and how, seen from a partner's client (docs/DESIGN.md §5).</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class RefusalTests(EmbeddedHost host)
{
    private readonly PartyClient _requester = host.Party("requester-2");
    private readonly PartyClient _holder = host.Party("holder-2");
    private readonly PartyClient _mediator = host.Party("mediator");

    private static string Tag() => Guid.NewGuid().ToString("N")[..10];

    private static async Task<RpcException> Refused(StatusCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, e.StatusCode);
        return e;
    }

    private async Task<int> CasesOf(PartyClient party) =>
        (await party.Requests.ListCasesAsync(new() { PageSize = 500 }, party.Headers)).Cases.Count;

    [Fact]
    public async Task Bytes_that_are_not_the_request_message_are_invalid_argument_and_store_nothing()
    {
        var before = await CasesOf(_requester);
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var submit = new Method<byte[], byte[]>(MethodType.Unary, RequestsApi.RequestsService.Descriptor.FullName, "SubmitRequest", bytes, bytes);
        // Field 1 with wire type 7, which does not exist; then a length that runs past the end.
        foreach (var garbage in new[] { new byte[] { 0x0F, 0x01, 0x02 }, new byte[] { 0x0A, 0x7F, 0x41 } })
        {
            var e = await Refused(StatusCode.InvalidArgument, () =>
                host.Channel().CreateCallInvoker().AsyncUnaryCall(submit, null, new CallOptions(_requester.Headers), garbage).ResponseAsync);
            Assert.Contains("not a SubmitRequestRequest message", e.Status.Detail);
        }
        Assert.Equal(before, await CasesOf(_requester));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_every_field_violation_and_nothing_is_stored()
    {
        var before = await CasesOf(_requester);
        var request = Requests.OneChild("bad-" + Tag());
        request.Children.Add(request.Children[0].Clone());
        request.Children[1].Child.GivenName = "";
        request.Children[1].Child.BirthDate = new Common.CalendarDate { Year = DateTime.UtcNow.Year + 1, Month = 1, Day = 1 };
        request.Children[1].Claimants.Clear();

        var e = await Refused(StatusCode.InvalidArgument, () => _requester.Requests.SubmitRequestAsync(request, _requester.Headers).ResponseAsync);
        var status = e.GetRpcStatus()!;
        var badRequest = status.GetDetail<BadRequest>();
        Assert.Equal(["children[1].child.given_name", "children[1].child.birth_date", "children[1].claimants"],
            badRequest.FieldViolations.Select(v => v.Field));
        Assert.All(badRequest.FieldViolations, v => Assert.NotEmpty(v.Description));
        Assert.Equal(before, await CasesOf(_requester));
    }

    [Fact]
    public async Task Calls_without_a_known_key_are_unauthenticated()
    {
        var client = new RequestsApi.RequestsService.RequestsServiceClient(host.Channel());
        var e = await Refused(StatusCode.Unauthenticated, () => client.ListCasesAsync(new()).ResponseAsync);
        Assert.Contains("authorization: Bearer", e.Status.Detail);
        await Refused(StatusCode.Unauthenticated, () => client.ListCasesAsync(new(), new Metadata { { "authorization", "Bearer not-a-key" } }).ResponseAsync);
        await Refused(StatusCode.Unauthenticated, () => client.ListCasesAsync(new(), new Metadata { { "authorization", "Basic abc" } }).ResponseAsync);
    }

    [Fact]
    public async Task A_party_doing_what_its_kind_may_not_is_denied()
    {
        await Refused(StatusCode.PermissionDenied, () => _holder.Requests.SubmitRequestAsync(Requests.OneChild("h-" + Tag()), _holder.Headers).ResponseAsync);
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("r-" + Tag()), _requester.Headers)).Cases[0].Name;
        await Refused(StatusCode.PermissionDenied, () => _requester.Requests.AcceptCaseAsync(new() { RequestId = Tag(), Name = name }, _requester.Headers).ResponseAsync);
        await Refused(StatusCode.PermissionDenied, () => _requester.Handover.CloseCaseAsync(new() { RequestId = Tag(), Case = name }, _requester.Headers).ResponseAsync);
    }

    [Fact]
    public async Task Mutating_calls_must_name_the_acting_officer()
    {
        var anonymous = new Metadata { { "authorization", _requester.Headers.GetValue("authorization")! } };
        var e = await Refused(StatusCode.InvalidArgument, () => _requester.Requests.SubmitRequestAsync(Requests.OneChild("o-" + Tag()), anonymous).ResponseAsync);
        Assert.Equal("metadata.x-officer", e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task A_step_the_cases_stage_does_not_allow_fails_its_precondition()
    {
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("s-" + Tag()), _requester.Headers)).Cases[0].Name;
        await Refused(StatusCode.FailedPrecondition, () => _mediator.Requests.ForwardCaseAsync(new() { RequestId = Tag(), Name = name, HoldingParty = _holder.Resource }, _mediator.Headers).ResponseAsync);
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = Tag(), Name = name }, _mediator.Headers);
        var e = await Refused(StatusCode.FailedPrecondition, () => _mediator.Requests.AcceptCaseAsync(new() { RequestId = Tag(), Name = name }, _mediator.Headers).ResponseAsync);
        Assert.Contains("Accepted", e.Status.Detail);
        var c = (await _requester.Requests.GetCaseAsync(new() { Name = name }, _requester.Headers)).Case;
        Assert.Equal(RequestsApi.CaseStage.Accepted, c.Stage);
    }

    [Fact]
    public async Task Malformed_names_and_unknown_parties_are_invalid_arguments()
    {
        var e = await Refused(StatusCode.InvalidArgument, () => _requester.Requests.GetCaseAsync(new() { Name = "case/123" }, _requester.Headers).ResponseAsync);
        Assert.Equal("name", e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("n-" + Tag()), _requester.Headers)).Cases[0].Name;
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = Tag(), Name = name }, _mediator.Headers);
        // Forwarding to a requesting party (not a holding one) is a caller's mistake, not a missing resource.
        var wrong = await Refused(StatusCode.InvalidArgument, () => _mediator.Requests.ForwardCaseAsync(new() { RequestId = Tag(), Name = name, HoldingParty = "parties/requester-1" }, _mediator.Headers).ResponseAsync);
        Assert.Equal("holding_party", wrong.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        await Refused(StatusCode.InvalidArgument, () => _requester.Requests.ListCasesAsync(new() { PageToken = "garbage!" }, _requester.Headers).ResponseAsync);
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_first_answer_and_creates_nothing()
    {
        var before = await CasesOf(_requester);
        var request = Requests.OneChild("retry-" + Tag());
        var first = await _requester.Requests.SubmitRequestAsync(request, _requester.Headers);
        var again = await _requester.Requests.SubmitRequestAsync(request, _requester.Headers);
        Assert.Equal(first, again);
        Assert.Equal(before + 1, await CasesOf(_requester));

        var changed = request.Clone();
        changed.Children[0].Child.GivenName = "Somebody Else";
        await Refused(StatusCode.AlreadyExists, () => _requester.Requests.SubmitRequestAsync(changed, _requester.Headers).ResponseAsync);
        Assert.Equal(before + 1, await CasesOf(_requester));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_request_create_it_once()
    {
        var before = await CasesOf(_requester);
        var request = Requests.OneChild("burst-" + Tag());
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _requester.Requests.SubmitRequestAsync(request, _requester.Headers).ResponseAsync));
        Assert.Single(answers.Select(a => a.Name).Distinct());
        Assert.Equal(before + 1, await CasesOf(_requester));
    }

    [Fact]
    public async Task Checks_are_attested_only_by_their_owner_and_the_sign_off_comes_last()
    {
        var name = await Requests.LocatedCase(_requester, _mediator, _holder, Tag());
        var checklist = name + "/checklist";
        await Requests.Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = checklist }, _mediator.Headers).ResponseAsync);

        await Refused(StatusCode.PermissionDenied, () => _holder.Verification.AttestCheckAsync(
            new() { RequestId = Tag(), Checklist = checklist, Check = VerificationApi.CheckType.Relationship, Outcome = VerificationApi.AttestationOutcome.Passed }, _holder.Headers).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, () => _mediator.Verification.AttestCheckAsync(
            new() { RequestId = Tag(), Checklist = checklist, Check = VerificationApi.CheckType.BestInterests, Outcome = VerificationApi.AttestationOutcome.Passed }, _mediator.Headers).ResponseAsync);
        var bad = await Refused(StatusCode.InvalidArgument, () => _holder.Verification.AttestCheckAsync(new()
        {
            RequestId = Tag(),
            Checklist = checklist,
            Check = VerificationApi.CheckType.Identity,
            Outcome = VerificationApi.AttestationOutcome.Failed,
            Evidence = { new VerificationApi.EvidenceReference { Kind = "passport", Issuer = "registry", Sha256 = "not-a-hash" } },
        }, _holder.Headers).ResponseAsync);
        Assert.Equal(["reason", "evidence[0].sha256"], bad.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));

        var pending = await _holder.Verification.ListPendingChecksAsync(new(), _holder.Headers);
        Assert.Equal([VerificationApi.CheckType.Identity, VerificationApi.CheckType.ReleaseConsent],
            pending.Checks.Where(c => c.Case == name).Select(c => c.Type));
    }

    [Fact]
    public async Task Only_verified_cases_can_join_a_batch()
    {
        var name = await Requests.LocatedCase(_requester, _mediator, _holder, Tag());
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = Tag(),
            Cases = { name },
            Venue = new Common.Place { Region = "Capital" },
            ScheduledTime = Requests.Now(),
            Legs = { new HandoverApi.LegPlan { FromCustodian = _holder.Resource, ToCustodian = "claimant", Place = "crossing" } },
        };
        await Refused(StatusCode.FailedPrecondition, () => _mediator.Handover.PlanBatchAsync(plan, _mediator.Headers).ResponseAsync);

        plan.Legs[0].ToCustodian = "parties/nobody";
        var e = await Refused(StatusCode.InvalidArgument, () => _mediator.Handover.PlanBatchAsync(plan, _mediator.Headers).ResponseAsync);
        Assert.Equal("legs[0].to_custodian", e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task A_withdrawn_case_can_no_longer_be_attested_nor_join_a_batch()
    {
        var name = await Requests.LocatedCase(_requester, _mediator, _holder, Tag());
        var checklist = name + "/checklist";
        await Requests.Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = checklist }, _mediator.Headers).ResponseAsync);
        await _requester.Requests.WithdrawCaseAsync(new() { RequestId = Tag(), Name = name }, _requester.Headers);

        await Requests.Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = checklist }, _mediator.Headers).ResponseAsync,
            r => r.Checklist.State == VerificationApi.ChecklistState.Withdrawn);
        await Refused(StatusCode.FailedPrecondition, () => _holder.Verification.AttestCheckAsync(
            new() { RequestId = Tag(), Checklist = checklist, Check = VerificationApi.CheckType.Identity, Outcome = VerificationApi.AttestationOutcome.Passed }, _holder.Headers).ResponseAsync);
        var c = (await _requester.Requests.GetCaseAsync(new() { Name = name }, _requester.Headers)).Case;
        Assert.Equal(RequestsApi.CaseStage.Withdrawn, c.Stage);
    }

    [Fact]
    public async Task A_verified_case_can_be_withdrawn_until_it_joins_a_batch()
    {
        var name = await Requests.VerifiedCase(_requester, _mediator, _holder, Tag());
        var withdrawn = await _requester.Requests.WithdrawCaseAsync(new() { RequestId = Tag(), Name = name }, _requester.Headers);
        Assert.Equal(RequestsApi.CaseStage.Withdrawn, withdrawn.Case.Stage);
        await Requests.Eventually(() => _mediator.Handover.GetCustodyChainAsync(new() { Case = name }, _mediator.Headers).ResponseAsync,
            r => r.Chain.State == HandoverApi.HandoverCaseState.Withdrawn);
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = Tag(),
            Cases = { name },
            Venue = new Common.Place { Region = "Capital" },
            ScheduledTime = Requests.Now(),
            Legs = { new HandoverApi.LegPlan { FromCustodian = _holder.Resource, ToCustodian = "claimant", Place = "crossing" } },
        };
        await Refused(StatusCode.FailedPrecondition, () => _mediator.Handover.PlanBatchAsync(plan, _mediator.Headers).ResponseAsync);
    }

    [Fact]
    public async Task Oversize_messages_are_refused_as_resource_exhausted()
    {
        var request = Requests.OneChild("big-" + Tag());
        request.Children[0].Child.SpecialNeeds = new string('x', 5 * 1024 * 1024);
        await Refused(StatusCode.ResourceExhausted, () => _requester.Requests.SubmitRequestAsync(request, _requester.Headers).ResponseAsync);
    }
}
