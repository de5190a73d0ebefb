using Grpc.Core;
using Mediation.Api.Custody;
using Mediation.Host.Demo;
using Mediation.Operations.Persistence;
using Microsoft.Extensions.DependencyInjection;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// The reference case's eleven children in one batch on a clock the test moves: one child falls ill and
/// is held back with the holding party, the ten others are reunited; a week later the eleventh goes in a
/// batch of its own (requests sees her scheduled twice, no fault); follow-up visits fall due and are escalated
/// when late, and her case closes.
/// </summary>
public sealed class HandoverTests(FakeClockHost host) : IClassFixture<FakeClockHost>
{
    private readonly PartyClient _requester = host.Party("requester-1");
    private readonly PartyClient _holder = host.Party("holder-1");
    private readonly PartyClient _mediator = host.Party("mediator");

    private HandoverApi.PlanBatchRequest Plan(IEnumerable<string> cases, string requestId) => new()
    {
        RequestId = requestId,
        Cases = { cases },
        Venue = new Common.Place { Region = "Capital", Institution = "Embassy of the mediating state" },
        ScheduledTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()),
        Legs =
        {
            new HandoverApi.LegPlan { FromCustodian = _holder.Resource, ToCustodian = _mediator.Resource, Place = "Embassy" },
            new HandoverApi.LegPlan { FromCustodian = _mediator.Resource, ToCustodian = _requester.Resource, Place = "Crossing point" },
            new HandoverApi.LegPlan { FromCustodian = _requester.Resource, ToCustodian = "claimant", Place = "Reunification centre" },
        },
    };

    private PartyClient Side(string custodian) => custodian switch
    {
        "parties/holder-1" => _holder,
        "parties/mediator" => _mediator,
        _ => _requester,
    };

    private async Task Acknowledge(HandoverApi.Batch batch, string caseName, HandoverApi.Leg leg, HandoverApi.CustodyRole role)
    {
        var by = Side(role == HandoverApi.CustodyRole.Giver ? leg.FromCustodian : leg.ToCustodian == "claimant" ? leg.FromCustodian : leg.ToCustodian);
        await by.Handover.AcknowledgeCustodyAsync(await by.Acknowledgement(batch.Name, caseName, leg, role, host.Clock.GetUtcNow().UtcDateTime), by.Headers);
    }

    [Fact]
    public async Task One_child_held_back_by_an_incident_is_handed_over_a_week_later_while_the_others_go_on_and_her_case_closes_with_no_fault()
    {
        var children = ReferenceChildren.All(DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime));
        var tag = Guid.NewGuid().ToString("N")[..6];
        var cases = new List<string>();
        foreach (var (child, i) in children.Select((c, i) => (c, i)))
            cases.Add(await Requests.VerifiedCase(_requester, _mediator, _holder, $"{tag}-{i}", child.Request));
        var unwell = cases[2]; // the girl of 5 with special needs

        var batch = (await _mediator.Handover.PlanBatchAsync(Plan(cases, "batch-" + tag), _mediator.Headers)).Batch;
        var first = batch.Legs[0];
        foreach (var name in cases)
            await Acknowledge(batch, name, first, HandoverApi.CustodyRole.Giver);
        // Before the embassy receives her, the girl is unwell: she stays with the holding party.
        var held = await _holder.Handover.RecordIncidentAsync(new()
        {
            RequestId = "unwell-" + tag,
            Batch = batch.Name,
            Case = unwell,
            Kind = HandoverApi.IncidentKind.ChildUnwell,
            Note = "fever before departure; the doctor advises a week's rest",
            HoldBack = true,
        }, _holder.Headers);
        Assert.Equal(HandoverApi.HandoverCaseState.HeldBack, held.Batch.Children.Single(c => c.Case == unwell).State);
        Assert.Equal("parties/holder-1", held.Batch.Children.Single(c => c.Case == unwell).CurrentCustodian);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Acknowledge(batch, unwell, first, HandoverApi.CustodyRole.Receiver));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);

        foreach (var leg in batch.Legs)
            foreach (var name in cases.Where(c => c != unwell))
            {
                if (leg.Number > 1)
                    await Acknowledge(batch, name, leg, HandoverApi.CustodyRole.Giver);
                await Acknowledge(batch, name, leg, HandoverApi.CustodyRole.Receiver);
            }
        var afterFirst = (await _mediator.Handover.GetBatchAsync(new() { Name = batch.Name }, _mediator.Headers)).Batch;
        Assert.Equal(HandoverApi.BatchState.Completed, afterFirst.State);
        Assert.Equal(10, afterFirst.Children.Count(c => c.State == HandoverApi.HandoverCaseState.Reunited && c.CurrentCustodian == "claimant"));
        Assert.Single(afterFirst.Incidents, i => i.Case == unwell && i.HeldBack && i.Kind == HandoverApi.IncidentKind.ChildUnwell);

        // A week later she travels in a batch of her own, from the custodian she stayed with.
        host.Clock.Advance(TimeSpan.FromDays(7));
        var later = (await _mediator.Handover.PlanBatchAsync(Plan([unwell], "later-" + tag), _mediator.Headers)).Batch;
        foreach (var leg in later.Legs)
        {
            await Acknowledge(later, unwell, leg, HandoverApi.CustodyRole.Giver);
            await Acknowledge(later, unwell, leg, HandoverApi.CustodyRole.Receiver);
        }
        var chain = (await _requester.Handover.GetCustodyChainAsync(new() { Case = unwell }, _requester.Headers)).Chain;
        Assert.Equal(HandoverApi.HandoverCaseState.Reunited, chain.State);
        Assert.Equal("claimant", chain.CurrentCustodian);
        Assert.Equal(7, chain.Entries.Count); // the first batch's giver acknowledgement, then six in the later batch
        Assert.Empty(ReceiptVerifier.Problems(chain, host.Keys.PublicKeysByResource));
        await Requests.Eventually(() => _requester.Requests.GetCaseAsync(new() { Name = unwell }, _requester.Headers).ResponseAsync,
            r => r.Case.Stage == RequestsApi.CaseStage.Reunited);

        // The first follow-up falls due a month after the reunion; late, it is escalated once.
        Assert.Equal(host.Clock.GetUtcNow().AddDays(30).UtcDateTime, chain.NextFollowUpDueTime.ToDateTime(), TimeSpan.FromSeconds(1));
        host.Clock.Advance(TimeSpan.FromDays(31));
        var timeline = await Requests.Eventually(() => _requester.Requests.ListCaseEventsAsync(new() { Parent = unwell }, _requester.Headers).ResponseAsync,
            r => r.Events.Any(e => e.Type == "FollowUpVisitOverdue"));
        Assert.Single(timeline.Events, e => e.Type == "FollowUpVisitOverdue");
        Assert.Contains(timeline.Events, e => e.Type == "HandoverIncidentRecorded" && e.Summary.Contains("held back"));

        // Her follow-up visits, then the mediator closes her case: in requests too, her second schedule was no fault.
        var tag2 = tag + "-f";
        await _requester.Handover.RecordFollowUpVisitAsync(new() { RequestId = "visit-1-" + tag2, Case = unwell, VisitTime = Timestamp(host.Clock.GetUtcNow()) }, _requester.Headers);
        host.Clock.Advance(TimeSpan.FromDays(60));
        await _requester.Handover.RecordFollowUpVisitAsync(new() { RequestId = "visit-2-" + tag2, Case = unwell, VisitTime = Timestamp(host.Clock.GetUtcNow()) }, _requester.Headers);
        await _mediator.Handover.CloseCaseAsync(new() { RequestId = "close-" + tag2, Case = unwell }, _mediator.Headers);
        await Requests.Eventually(() => _requester.Requests.GetCaseAsync(new() { Name = unwell }, _requester.Headers).ResponseAsync,
            r => r.Case.Stage == RequestsApi.CaseStage.Closed);
        var closed = (await _requester.Requests.ListCaseEventsAsync(new() { Parent = unwell, PageSize = 500 }, _requester.Headers)).Events;
        var schedules = closed.Where(e => e.Type == "CaseScheduledForHandover").ToList();
        Assert.Equal(2, schedules.Count);
        Assert.All(schedules, e => Assert.Equal(RequestsApi.CaseStage.InHandover, e.Stage));
        Assert.Equal(RequestsApi.CaseStage.Closed, closed[^1].Stage);
        var caseId = unwell["cases/".Length..];
        var dashboard = await Requests.Eventually(async () =>
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            var operations = scope.ServiceProvider.GetRequiredService<OperationsDb>();
            return (Stage: operations.Cases.Single(c => c.CaseId == caseId).Stage, Faults: operations.Faults.Count(f => f.CaseId == caseId));
        }, d => d.Stage == "CLOSED");
        Assert.Equal(0, dashboard.Faults);
    }

    private static Google.Protobuf.WellKnownTypes.Timestamp Timestamp(DateTimeOffset at) => Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at);

    [Fact]
    public async Task A_held_back_child_released_by_the_mediator_rejoins_its_batch_where_it_stopped()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var cases = new List<string>();
        for (var i = 0; i < 2; i++)
            cases.Add(await Requests.VerifiedCase(_requester, _mediator, _holder, $"rejoin-{tag}-{i}"));
        var batch = (await _mediator.Handover.PlanBatchAsync(Plan(cases, "rejoin-" + tag), _mediator.Headers)).Batch;
        var leg = batch.Legs[0];
        await Acknowledge(batch, cases[0], leg, HandoverApi.CustodyRole.Giver);
        await Acknowledge(batch, cases[0], leg, HandoverApi.CustodyRole.Receiver);
        // At the embassy, a document problem: the first child waits there while the second goes on.
        await _mediator.Handover.RecordIncidentAsync(new()
        {
            RequestId = "papers-" + tag,
            Batch = batch.Name,
            Case = cases[0],
            Kind = HandoverApi.IncidentKind.DocumentProblem,
            Note = "exit document misspelt; a corrected copy is on its way",
            HoldBack = true,
        }, _mediator.Headers);
        var refused = await Assert.ThrowsAsync<RpcException>(() => _holder.Handover.ReleaseHoldAsync(new() { RequestId = "h-" + tag, Batch = batch.Name, Case = cases[0] }, _holder.Headers).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        var released = await _mediator.Handover.ReleaseHoldAsync(new() { RequestId = "release-" + tag, Batch = batch.Name, Case = cases[0] }, _mediator.Headers);
        var child = released.Batch.Children.Single(c => c.Case == cases[0]);
        Assert.Equal(HandoverApi.HandoverCaseState.InTransfer, child.State);
        Assert.Equal(1, child.LegsCompleted);
        Assert.Equal("parties/mediator", child.CurrentCustodian);
        foreach (var next in batch.Legs.Skip(1))
        {
            await Acknowledge(batch, cases[0], next, HandoverApi.CustodyRole.Giver);
            await Acknowledge(batch, cases[0], next, HandoverApi.CustodyRole.Receiver);
        }
        var chain = (await _requester.Handover.GetCustodyChainAsync(new() { Case = cases[0] }, _requester.Headers)).Chain;
        Assert.Equal(HandoverApi.HandoverCaseState.Reunited, chain.State);
        Assert.Empty(ReceiptVerifier.Problems(chain, host.Keys.PublicKeysByResource));
    }
}
