using Grpc.Core;
using MassTransit;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Host.Demo;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Mediation.Handover.Persistence.Postgres;
using Mediation.Handover.Persistence.Sqlite;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Mediation.Verification.Persistence.Postgres;
using Mediation.Verification.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HandoverApi = Mediation.Api.Handover.V1;
using VerificationApi = Mediation.Api.Verification.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// A withdrawal, or a withdrawn consent to share, comes on another queue than the event it follows and may
/// reach verification before its <c>CaseLocated</c>, or handover before its <c>CaseVerified</c>. It must still
/// count: first as parties meet it, with the early event delivered first on the host's bus; then in every order
/// of the three events, some twice, through the consumers on a database.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class EarlyEventTests(EmbeddedHost host)
{
    private static readonly DateTime At = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private readonly PartyClient _requester = host.Party("requester-1");
    private readonly PartyClient _holder = host.Party("holder-1");
    private readonly PartyClient _mediator = host.Party("mediator");

    private static string NewCaseId() => Guid.CreateVersion7().ToString("N");

    private static CaseLocated Located(string caseId) => new(caseId, "requester-1", "holder-1", 10, false, true, At, "holder-1", "h", 4);

    [Fact]
    public async Task A_case_withdrawn_before_its_location_reached_verification_never_has_an_open_checklist()
    {
        var caseId = NewCaseId();
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(new CaseWithdrawn(caseId, At.AddMinutes(1), "requester-1", "r", 5));
        await Requests.Eventually(() => Row<VerificationDb, Checklist>(db => db.Checklists.SingleOrDefaultAsync(c => c.CaseId == caseId)), c => c is not null);
        await bus.Publish(Located(caseId));

        var list = (await Requests.Eventually(
            () => _mediator.Verification.GetChecklistAsync(new() { Name = $"cases/{caseId}/checklist" }, _mediator.Headers).ResponseAsync)).Checklist;
        Assert.Equal(VerificationApi.ChecklistState.Withdrawn, list.State);
        Assert.All(list.Checks, c => Assert.Null(c.DueTime));
        var pending = await _holder.Verification.ListPendingChecksAsync(new() { PageSize = 500 }, _holder.Headers);
        Assert.DoesNotContain(pending.Checks, c => c.Case == $"cases/{caseId}");
        var refused = await Assert.ThrowsAsync<RpcException>(() => _holder.Verification.AttestCheckAsync(new()
        {
            RequestId = "early-" + caseId, Checklist = list.Name, Check = VerificationApi.CheckType.Identity, Outcome = VerificationApi.AttestationOutcome.Passed,
        }, _holder.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public async Task A_case_whose_consent_withdrawal_reached_handover_before_its_verification_cannot_join_a_batch()
    {
        var caseId = NewCaseId();
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(new ShareConsentWithdrawn(caseId, At.AddMinutes(1), "requester-1", "r", 6));
        await Requests.Eventually(() => Row<HandoverDb, HandoverCase>(db => db.Cases.SingleOrDefaultAsync(c => c.CaseId == caseId)), c => c is not null);
        // Not verified yet: no party finds it.
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _mediator.Handover.GetCustodyChainAsync(new() { Case = $"cases/{caseId}" }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        // Verification had not heard of the withdrawal when it verified the case.
        await bus.Publish(new CaseVerified(caseId, "requester-1", "holder-1", At, "mediator", "m", 9, SharingStopped: false));

        var chain = (await Requests.Eventually(() => _mediator.Handover.GetCustodyChainAsync(new() { Case = $"cases/{caseId}" }, _mediator.Headers).ResponseAsync)).Chain;
        Assert.True(chain.SharingStopped);
        var refused = await Assert.ThrowsAsync<RpcException>(() => _mediator.Handover.PlanBatchAsync(new()
        {
            RequestId = "early-" + caseId,
            Cases = { $"cases/{caseId}" },
            Venue = new Common.Place { Region = "Capital" },
            ScheduledTime = Requests.Now(),
            Legs =
            {
                new HandoverApi.LegPlan { FromCustodian = _holder.Resource, ToCustodian = _mediator.Resource, Place = "Embassy" },
                new HandoverApi.LegPlan { FromCustodian = _mediator.Resource, ToCustodian = _requester.Resource, Place = "Crossing" },
                new HandoverApi.LegPlan { FromCustodian = _requester.Resource, ToCustodian = "claimant", Place = "Home" },
            },
        }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("consent to share", refused.Status.Detail);
    }

    public static TheoryData<int> EveryOrder() => [0, 1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public async Task Verification_ends_the_same_whatever_order_location_withdrawal_and_consent_withdrawal_arrive_in(int order)
    {
        await using var verification = await ConsumersOnDatabase<VerificationDb>.Start(false,
            b => b.AddServiceDatabase<VerificationDb, SqliteVerificationDb, PostgresVerificationDb>("verification"),
            m =>
            {
                m.AddConsumer<Verification.Consumers.CaseLocatedConsumer>();
                m.AddConsumer<Verification.Consumers.CaseWithdrawnConsumer>();
                m.AddConsumer<Verification.Consumers.ShareConsentWithdrawnConsumer>();
            },
            s => s.AddSingleton(new ChecklistRules(12)).AddSingleton(VerificationDeadlines.Default));
        foreach (var (events, withdrawn, sharingStopped) in new (ICaseEvent[], bool, bool)[]
        {
            ([Located("c1"), new CaseWithdrawn("c1", At.AddMinutes(1), "requester-1", "r", 5), new ShareConsentWithdrawn("c1", At.AddMinutes(2), "requester-1", "r", 6)], true, true),
            ([Located("c2"), new CaseWithdrawn("c2", At.AddMinutes(1), "requester-1", "r", 5)], true, false),
            ([Located("c3"), new ShareConsentWithdrawn("c3", At.AddMinutes(2), "requester-1", "r", 6)], false, true),
        })
        {
            await DeliverInOrder(verification, events, order);
            var list = await verification.Read(db => db.Checklists.Include(c => c.Checks).AsNoTracking().SingleAsync(c => c.CaseId == events[0].CaseId));
            Assert.True(list.Located);
            Assert.Equal((withdrawn ? ChecklistState.Withdrawn : ChecklistState.Open, sharingStopped), (list.State, list.SharingStopped));
            Assert.Equal(5, list.Checks.Count);
            Assert.Equal(!withdrawn, list.Checks.Any(c => c.DueAt is not null));
        }
    }

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public async Task Handover_ends_the_same_whatever_order_verification_withdrawal_and_consent_withdrawal_arrive_in(int order)
    {
        await using var handover = await ConsumersOnDatabase<HandoverDb>.Start(false,
            b => b.AddServiceDatabase<HandoverDb, SqliteHandoverDb, PostgresHandoverDb>("handover"),
            m =>
            {
                m.AddConsumer<Handover.Consumers.CaseVerifiedConsumer>();
                m.AddConsumer<Handover.Consumers.CaseWithdrawnConsumer>();
                m.AddConsumer<Handover.Consumers.ShareConsentWithdrawnConsumer>();
            });
        CaseVerified Verified(string caseId) => new(caseId, "requester-1", "holder-1", At, "mediator", "m", 9);
        foreach (var (events, withdrawn, sharingStopped) in new (ICaseEvent[], bool, bool)[]
        {
            ([Verified("c1"), new CaseWithdrawn("c1", At.AddMinutes(1), "requester-1", "r", 5), new ShareConsentWithdrawn("c1", At.AddMinutes(2), "requester-1", "r", 6)], true, true),
            ([Verified("c2"), new CaseWithdrawn("c2", At.AddMinutes(1), "requester-1", "r", 5)], true, false),
            ([Verified("c3"), new ShareConsentWithdrawn("c3", At.AddMinutes(2), "requester-1", "r", 6)], false, true),
        })
        {
            await DeliverInOrder(handover, events, order);
            var c = await handover.Read(db => db.Cases.AsNoTracking().SingleAsync(x => x.CaseId == events[0].CaseId));
            Assert.True(c.IsVerified);
            Assert.Equal((withdrawn ? HandoverCaseState.Withdrawn : HandoverCaseState.AwaitingBatch, sharingStopped, "holder-1"), (c.State, c.SharingStopped, c.HoldingPartyId));
        }
    }

    /// <summary>
    /// The events in the <paramref name="order"/>-th of the orders of three (two events take the order of their
    /// indexes in it), then the first of them again under its message id and again under a new one.
    /// </summary>
    private static async Task DeliverInOrder<TDb>(ConsumersOnDatabase<TDb> rig, ICaseEvent[] events, int order) where TDb : ServiceDbContext
    {
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        var ids = events.Select(_ => Guid.NewGuid()).ToArray();
        var chosen = orders[order].Where(i => i < events.Length).ToList();
        foreach (var i in chosen.Append(chosen[0]))
            await rig.Deliver(events[i], ids[i]);
        await rig.Deliver(events[chosen[0]], Guid.NewGuid());
    }

    private async Task<TRow?> Row<TDb, TRow>(Func<TDb, Task<TRow?>> read) where TDb : ServiceDbContext
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TDb>());
    }
}
