using Grpc.Core;
using Mediation.Host.Demo;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// The reference case of docs/DESIGN.md §1 — eleven children, one batch — played by the parties through the
/// API; every fact below is read back over gRPC by the party that may see it.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ReferenceCaseTests(EmbeddedHost host)
{
    private readonly PartyClient _requester = host.Party("requester-1");
    private readonly PartyClient _otherRequester = host.Party("requester-2");
    private readonly PartyClient _holder = host.Party("holder-1");
    private readonly PartyClient _otherHolder = host.Party("holder-2");
    private readonly PartyClient _mediator = host.Party("mediator");
    private readonly PartyClient _observer = host.Party("observer");

    [Fact]
    public async Task All_eleven_children_are_reunited_and_closed_with_a_timeline_from_every_service()
    {
        var outcome = await host.ReferenceCase;
        Assert.Equal(11, outcome.Cases.Count);
        foreach (var name in outcome.Cases)
        {
            var c = (await _requester.Requests.GetCaseAsync(new() { Name = name }, _requester.Headers)).Case;
            Assert.Equal(RequestsApi.CaseStage.Closed, c.Stage);

            var events = (await _requester.Requests.ListCaseEventsAsync(new() { Parent = name, PageSize = 500 }, _requester.Headers)).Events;
            var types = events.Select(e => e.Type).ToList();
            Assert.Equal(
                ["CaseSubmitted", "CaseAccepted", "CaseForwarded", "CaseLocated", "ChecklistOpened", "CheckAttested", "CaseVerified",
                 "CaseScheduledForHandover", "CustodyTransferred", "CaseReunited", "FollowUpVisitRecorded", "CaseClosed"],
                types.Distinct().ToList());
            Assert.Equal(["requests", "verification", "handover"], events.Select(e => e.Service).Distinct());
            Assert.Equal(RequestsApi.CaseStage.Reunited, events.Single(e => e.Type == "CaseReunited").Stage);
            Assert.Equal(3, types.Count(t => t == "CustodyTransferred"));
        }
    }

    [Fact]
    public async Task Each_child_has_a_complete_custody_chain_acknowledged_by_giver_and_receiver_of_every_leg()
    {
        var outcome = await host.ReferenceCase;
        var batch = (await _mediator.Handover.GetBatchAsync(new() { Name = outcome.Batch }, _mediator.Headers)).Batch;
        Assert.Equal(HandoverApi.BatchState.Completed, batch.State);
        Assert.Equal(outcome.Cases.Order(), batch.Children.Select(c => c.Case).Order());
        Assert.All(batch.Children, child => Assert.Equal("claimant", child.CurrentCustodian));

        var expected = new[]
        {
            (1, HandoverApi.CustodyRole.Giver, "parties/holder-1"),
            (1, HandoverApi.CustodyRole.Receiver, "parties/mediator"),
            (2, HandoverApi.CustodyRole.Giver, "parties/mediator"),
            (2, HandoverApi.CustodyRole.Receiver, "parties/requester-1"),
            (3, HandoverApi.CustodyRole.Giver, "parties/requester-1"),
            (3, HandoverApi.CustodyRole.Receiver, "parties/requester-1"), // for the claimant
        };
        foreach (var name in outcome.Cases)
        {
            var chain = (await _requester.Handover.GetCustodyChainAsync(new() { Case = name }, _requester.Headers)).Chain;
            Assert.Equal(HandoverApi.HandoverCaseState.Closed, chain.State);
            Assert.Equal("claimant", chain.CurrentCustodian);
            Assert.Equal(expected, chain.Entries.Select(e => (e.Leg, e.Role, e.Party)).ToArray());
            Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), chain.Entries.Select(e => e.Sequence));
            Assert.Equal(chain.FollowUpVisitsRequired, chain.FollowUpVisits);
        }
    }

    [Fact]
    public async Task Each_checklist_fits_the_child()
    {
        var outcome = await host.ReferenceCase;
        var checklists = new List<VerificationApi.Checklist>();
        foreach (var name in outcome.Cases)
            checklists.Add((await _mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, _mediator.Headers)).Checklist);
        Assert.All(checklists, l => Assert.Equal(VerificationApi.ChecklistState.Verified, l.State));
        Assert.All(checklists, l => Assert.Equal(VerificationApi.CheckType.BestInterests, l.Checks[^1].Type));
        // Ages 12, 13, 14, 15, 16 are heard; the two with special needs get a care plan; the boy of 14 and the girl of 12 are claimed by a parent.
        Assert.Equal(5, checklists.Count(l => l.Checks.Any(c => c.Type == VerificationApi.CheckType.ChildViews)));
        Assert.Equal(2, checklists.Count(l => l.Checks.Any(c => c.Type == VerificationApi.CheckType.CarePlan)));
        Assert.Equal(9, checklists.Count(l => l.Checks.Any(c => c.Type == VerificationApi.CheckType.Custody)));
    }

    [Fact]
    public async Task The_holding_party_sees_its_forwarded_cases_but_never_the_relatives_contacts()
    {
        var outcome = await host.ReferenceCase;
        foreach (var name in outcome.Cases)
        {
            var seen = (await _holder.Requests.GetCaseAsync(new() { Name = name }, _holder.Headers)).Case;
            Assert.NotEmpty(seen.Child.GivenName);
            Assert.NotNull(seen.CurrentLocation);
            Assert.All(seen.Claimants, c => Assert.Null(c.Contact));

            var full = (await _mediator.Requests.GetCaseAsync(new() { Name = name }, _mediator.Headers)).Case;
            Assert.All(full.Claimants, c => Assert.NotEmpty(c.Contact.Phone));
        }
        var listed = await _holder.Requests.ListCasesAsync(new() { PageSize = 500 }, _holder.Headers);
        Assert.All(listed.Cases.Where(c => outcome.Cases.Contains(c.Name)), c => Assert.All(c.Claimants, x => Assert.Null(x.Contact)));
    }

    [Fact]
    public async Task Parties_without_a_part_in_the_case_get_not_found_everywhere()
    {
        var outcome = await host.ReferenceCase;
        var name = outcome.Cases[0];
        foreach (var outsider in new[] { _otherRequester, _otherHolder, _observer })
        {
            await AssertNotFound(() => outsider.Requests.GetCaseAsync(new() { Name = name }, outsider.Headers).ResponseAsync);
            await AssertNotFound(() => outsider.Requests.ListCaseEventsAsync(new() { Parent = name }, outsider.Headers).ResponseAsync);
            await AssertNotFound(() => outsider.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, outsider.Headers).ResponseAsync);
            await AssertNotFound(() => outsider.Handover.GetCustodyChainAsync(new() { Case = name }, outsider.Headers).ResponseAsync);
            await AssertNotFound(() => outsider.Handover.GetBatchAsync(new() { Name = outcome.Batch }, outsider.Headers).ResponseAsync);
            var listed = await outsider.Requests.ListCasesAsync(new() { PageSize = 500 }, outsider.Headers);
            Assert.DoesNotContain(listed.Cases, c => outcome.Cases.Contains(c.Name));
        }
    }

    [Fact]
    public async Task A_case_unknown_to_everyone_reads_the_same_as_anothers_case()
    {
        var outcome = await host.ReferenceCase;
        var hidden = await Assert.ThrowsAsync<RpcException>(() => _otherRequester.Requests.GetCaseAsync(new() { Name = outcome.Cases[0] }, _otherRequester.Headers).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => _otherRequester.Requests.GetCaseAsync(new() { Name = "cases/" + new string('0', 32) }, _otherRequester.Headers).ResponseAsync);
        Assert.Equal(missing.StatusCode, hidden.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace(new string('0', 32), "x"), hidden.Status.Detail.Replace(outcome.Cases[0]["cases/".Length..], "x"));
    }

    private static async Task AssertNotFound(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }
}
