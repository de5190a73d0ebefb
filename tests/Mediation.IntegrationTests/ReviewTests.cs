using Google.Rpc;
using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>The mediator's review of a new case: reject with a reason, or mark it a duplicate of an existing case.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ReviewTests(EmbeddedHost host)
{
    private readonly PartyClient _requester = host.Party("requester-1");
    private readonly PartyClient _mediator = host.Party("mediator");

    private async Task<string> Submitted(string tag) =>
        (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("review-" + tag), _requester.Headers)).Cases[0].Name;

    [Fact]
    public async Task A_rejection_needs_a_reason_which_the_requesting_party_reads()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = await Submitted(tag);
        var bare = await Assert.ThrowsAsync<RpcException>(() => _mediator.Requests.RejectCaseAsync(new() { RequestId = "r0-" + tag, Name = name }, _mediator.Headers).ResponseAsync);
        Assert.Equal("reason", bare.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        await _mediator.Requests.RejectCaseAsync(new() { RequestId = "r1-" + tag, Name = name, Reason = "the child is over 18 according to the civil register" }, _mediator.Headers);
        var seen = (await _requester.Requests.GetCaseAsync(new() { Name = name }, _requester.Headers)).Case;
        Assert.Equal(RequestsApi.CaseStage.Rejected, seen.Stage);
        Assert.Equal("the child is over 18 according to the civil register", seen.RejectionReason);
        var late = await Assert.ThrowsAsync<RpcException>(() => _mediator.Requests.AcceptCaseAsync(new() { RequestId = "a-" + tag, Name = name }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
    }

    [Fact]
    public async Task A_case_marked_duplicate_points_to_the_existing_case_and_stops()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var original = await Submitted(tag + "-o");
        var copy = await Submitted(tag + "-c");
        var self = await Assert.ThrowsAsync<RpcException>(() => _mediator.Requests.MarkCaseDuplicateAsync(new() { RequestId = "d0-" + tag, Name = copy, DuplicateOf = copy }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, self.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _mediator.Requests.MarkCaseDuplicateAsync(new() { RequestId = "d1-" + tag, Name = copy, DuplicateOf = "cases/" + new string('0', 32) }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var marked = await _mediator.Requests.MarkCaseDuplicateAsync(new() { RequestId = "d2-" + tag, Name = copy, DuplicateOf = original }, _mediator.Headers);
        Assert.Equal(RequestsApi.CaseStage.Duplicate, marked.Case.Stage);
        Assert.Equal(original, marked.Case.DuplicateOf);
        var forward = await Assert.ThrowsAsync<RpcException>(() => _mediator.Requests.ForwardCaseAsync(new() { RequestId = "f-" + tag, Name = copy, HoldingParty = "parties/holder-1" }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, forward.StatusCode);
    }
}
