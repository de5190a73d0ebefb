using Google.Rpc;
using Grpc.Core;
using Mediation.Host.Demo;
using HandoverApi = Mediation.Api.Handover.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Finding 11 of issue 20: PlanBatch accepted legs through any known party, the observer included — a leg
/// nobody on it can acknowledge, so the child waits until an incident. Legs now run only between the
/// mediator and the case's own requesting and holding parties; anything else is INVALID_ARGUMENT and
/// nothing is stored.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class CustodyLegsStayBetweenTheCaseAndTheMediatorTests(EmbeddedHost host)
{
    private readonly PartyClient _requester = host.Party("requester-2");
    private readonly PartyClient _holder = host.Party("holder-2");
    private readonly PartyClient _mediator = host.Party("mediator");

    public static TheoryData<string> Outsiders() => ["observer", "holder-1", "requester-1"];

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task The_mediator_cannot_plan_a_leg_through_a_party_outside_the_case(string outsider)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = await Requests.VerifiedCase(_requester, _mediator, _holder, "outsider-" + tag);
        var through = "parties/" + outsider;
        var plan = Plan("through-" + tag, name,
            (_holder.Resource, through), (through, _requester.Resource), (_requester.Resource, "claimant"));

        var e = await Assert.ThrowsAsync<RpcException>(() => _mediator.Handover.PlanBatchAsync(plan, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var fields = e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("legs[0].to_custodian", fields);
        Assert.Contains("legs[1].from_custodian", fields);

        // Nothing was stored: the child still waits for a batch with its holding party, and a proper plan goes through.
        var chain = (await _mediator.Handover.GetCustodyChainAsync(new() { Case = name }, _mediator.Headers)).Chain;
        Assert.Equal(HandoverApi.HandoverCaseState.AwaitingBatch, chain.State);
        Assert.Equal(_holder.Resource, chain.CurrentCustodian);
        var planned = await _mediator.Handover.PlanBatchAsync(Plan("proper-" + tag, name,
            (_holder.Resource, _mediator.Resource), (_mediator.Resource, _requester.Resource), (_requester.Resource, "claimant")), _mediator.Headers);
        Assert.Equal(3, planned.Batch.Legs.Count);
    }

    private static HandoverApi.PlanBatchRequest Plan(string requestId, string name, params (string From, string To)[] legs)
    {
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = requestId,
            Cases = { name },
            Venue = new Common.Place { Region = "Capital" },
            ScheduledTime = Requests.Now(),
        };
        plan.Legs.AddRange(legs.Select((l, i) => new HandoverApi.LegPlan { FromCustodian = l.From, ToCustodian = l.To, Place = $"place {i + 1}" }));
        return plan;
    }
}
