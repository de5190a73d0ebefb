using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Mediation.BuildingBlocks.Parties;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Operations.Consumers;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Persistence.Postgres;
using Mediation.Operations.Persistence.Sqlite;
using Mediation.Requests.Api;
using Mediation.Requests.Consumers;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Mediation.Requests.Persistence.Postgres;
using Mediation.Requests.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using StageProjection = Mediation.Requests.Domain.StageProjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// docs/DESIGN.md §7: any event may arrive late, early, twice or after an outage, and a consumer reaches the
/// same state and the same timeline whatever the order. One case's events (<see cref="CaseLife"/>) go in random
/// orders, some twice under the same message id (a redelivery) and some again under a new one (a re-send), and
/// every order must end as delivery in order does, with no delivery failing: a thousand orders through the
/// domain of the requests and operations services, and a hundred through their real consumers on a SQLite file
/// (each delivery is a commit), and some on PostgreSQL.
/// </summary>
public sealed class ArrivalOrderTests(ITestOutputHelper output)
{
    private const int DomainOrders = 1000;
    private const int DatabaseOrders = 100;
    private const int PostgresOrders = 20;
    private static readonly DateTime ArrivedAt = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<bool> Lives() => [false, true];

    [Theory]
    [MemberData(nameof(Lives))]
    public void A_case_ends_with_the_same_stage_and_timeline_in_a_thousand_orders_of_its_events(bool withdrawn)
    {
        var expected = RequestsView(InMemoryCase("in-order", withdrawn, random: null));
        Assert.StartsWith(withdrawn ? "WITHDRAWN" : "CLOSED", expected);
        var random = new Random(14);
        for (var i = 0; i < DomainOrders; i++)
            Assert.Equal(expected, RequestsView(InMemoryCase($"order-{i}", withdrawn, random)));
    }

    [Theory]
    [MemberData(nameof(Lives))]
    public void The_dashboard_shows_the_same_case_and_escalations_in_a_thousand_orders_of_its_events(bool withdrawn)
    {
        var expected = OperationsView(InMemoryTrackedCase("in-order", withdrawn, random: null));
        Assert.StartsWith(withdrawn ? "WITHDRAWN" : "CLOSED batch-b 3 claimant False", expected);
        Assert.DoesNotContain("open", expected);
        var random = new Random(14);
        for (var i = 0; i < DomainOrders; i++)
            Assert.Equal(expected, OperationsView(InMemoryTrackedCase($"order-{i}", withdrawn, random)));
    }

    [Theory]
    [MemberData(nameof(Lives))]
    public Task Through_the_requests_consumer_on_SQLite_every_order_ends_as_in_order(bool withdrawn) =>
        RequestsThroughTheConsumer(postgres: false, DatabaseOrders, withdrawn);

    [Theory]
    [MemberData(nameof(Lives))]
    public Task Through_the_operations_consumer_on_SQLite_every_order_ends_as_in_order(bool withdrawn) =>
        OperationsThroughTheConsumer(postgres: false, DatabaseOrders, withdrawn);

    [Fact]
    public async Task Through_the_consumers_on_PostgreSQL_every_order_ends_as_in_order()
    {
        await RequestsThroughTheConsumer(postgres: true, PostgresOrders, withdrawn: false);
        await OperationsThroughTheConsumer(postgres: true, PostgresOrders, withdrawn: false);
    }

    private static IReadOnlyList<ICaseEvent> RequestsLife(string caseId, bool withdrawn) =>
        withdrawn ? CaseLife.WithdrawnUntilTheCall(caseId) : CaseLife.Full(caseId);

    private static IReadOnlyList<ICaseEvent> OperationsLife(string caseId, bool withdrawn) =>
        withdrawn ? CaseLife.Withdrawn(caseId) : CaseLife.Full(caseId);

    /// <summary>
    /// The other services' events in a random order (in order without <paramref name="random"/>), about one in six
    /// delivered again under the same message id and one in six again under a new one, anywhere in the order.
    /// With <paramref name="withAnAction"/>, a null entry marks where a party's call comes (last, in order).
    /// </summary>
    private static List<(ICaseEvent? Event, Guid MessageId)> Deliveries(IEnumerable<ICaseEvent> events, Random? random, bool withAnAction)
    {
        var plan = events.Select(e => ((ICaseEvent?)e, Guid.NewGuid())).ToList();
        if (withAnAction)
            plan.Add((null, Guid.Empty));
        if (random is null)
            return plan;
        foreach (var (e, messageId) in plan.Where(p => p.Item1 is not null).ToList())
        {
            var roll = random.Next(6);
            if (roll == 0)
                plan.Add((e, messageId));
            else if (roll == 1)
                plan.Add((e, Guid.NewGuid()));
        }
        random.Shuffle(CollectionsMarshal.AsSpan(plan));
        return plan;
    }

    private static bool IsRegistry(ICaseEvent e) => CaseLife.ProducerOf(e) == StageProjection.Registry;

    // ---- In the domain: each message once by its id, as the inbox does; the rest is the services' own domain code.

    private static Case InMemoryCase(string caseId, bool withdrawn, Random? random)
    {
        var life = RequestsLife(caseId, withdrawn);
        var c = Registered(life);
        var inbox = new HashSet<Guid>();
        foreach (var (e, messageId) in Deliveries(life.Where(e => !IsRegistry(e)), random, withAnAction: withdrawn))
        {
            if (e is null)
                WithdrawnByTheRequester(c);
            else if (inbox.Add(messageId))
                c.Take(CaseLife.ProducerOf(e), e, ArrivedAt);
        }
        return c;
    }

    private static (TrackedCase, List<Escalation>) InMemoryTrackedCase(string caseId, bool withdrawn, Random? random)
    {
        var c = new TrackedCase { CaseId = caseId };
        var escalations = new List<Escalation>();
        var resolutions = new List<Resolution>();
        var inbox = new HashSet<Guid>();
        foreach (var (e, messageId) in Deliveries(OperationsLife(caseId, withdrawn), random, withAnAction: false))
            if (inbox.Add(messageId))
                c.Apply(e!, new CaseEscalations(caseId, escalations, resolutions), ArrivedAt);
        return (c, escalations);
    }

    // ---- Through the consumers, each delivery a unit of work of its own on the database.

    private async Task RequestsThroughTheConsumer(bool postgres, int orders, bool withdrawn)
    {
        await using var requests = await ConsumersOnDatabase<RequestsDb>.Start(postgres,
            b => b.AddServiceDatabase<RequestsDb, SqliteRequestsDb, PostgresRequestsDb>("requests"),
            m => m.AddConsumer<CaseEventsConsumer>());
        var expected = RequestsView(InMemoryCase("in-order", withdrawn, random: null));
        var random = new Random(14);
        var clock = Stopwatch.StartNew();
        var deliveries = 0;
        for (var i = 0; i < orders; i++)
        {
            var id = $"order-{i}";
            var life = RequestsLife(id, withdrawn);
            await requests.Write(db => Task.FromResult(db.Cases.Add(Registered(life))));
            var plan = Deliveries(life.Where(e => !IsRegistry(e)), random, withAnAction: withdrawn);
            foreach (var (e, messageId) in plan)
            {
                if (e is null)
                    await requests.Write(async db => WithdrawnByTheRequester(await db.Cases.SingleAsync(x => x.Id == id)));
                else
                    await requests.Deliver(e, messageId);
            }
            deliveries += plan.Count;
            var stored = await requests.Read(async db =>
            {
                var c = await db.Cases.Include(x => x.Timeline).AsNoTracking().SingleAsync(x => x.Id == id);
                return RequestsView(c);
            });
            Assert.Equal(expected, stored);
        }
        output.WriteLine($"requests on {(postgres ? "PostgreSQL" : "SQLite")}, {(withdrawn ? "withdrawn" : "full")} life: {orders} orders, {deliveries} deliveries in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task OperationsThroughTheConsumer(bool postgres, int orders, bool withdrawn)
    {
        await using var operations = await ConsumersOnDatabase<OperationsDb>.Start(postgres,
            b => b.AddServiceDatabase<OperationsDb, SqliteOperationsDb, PostgresOperationsDb>("operations"),
            m => m.AddConsumer<CaseEventsProjection>(), s => s.AddSingleton<Mediation.Operations.Series.LocalPoints>());
        var expected = OperationsView(InMemoryTrackedCase("in-order", withdrawn, random: null));
        var random = new Random(14);
        var clock = Stopwatch.StartNew();
        var deliveries = 0;
        for (var i = 0; i < orders; i++)
        {
            var id = $"order-{i}";
            var plan = Deliveries(OperationsLife(id, withdrawn), random, withAnAction: false);
            foreach (var (e, messageId) in plan)
                await operations.Deliver(e!, messageId);
            deliveries += plan.Count;
            var stored = await operations.Read(async db => OperationsView((
                await db.Cases.AsNoTracking().SingleAsync(x => x.CaseId == id),
                await db.Escalations.Where(x => x.CaseId == id).AsNoTracking().ToListAsync())));
            Assert.Equal(expected, stored);
        }
        output.WriteLine($"operations on {(postgres ? "PostgreSQL" : "SQLite")}, {(withdrawn ? "withdrawn" : "full")} life: {orders} orders, {deliveries} deliveries in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    // ---- The requests service's own steps, as its API takes them.

    /// <summary>The case as the requests service's own calls made it, from submission to located, with their timeline entries.</summary>
    private static Case Registered(IReadOnlyList<ICaseEvent> life)
    {
        Case? c = null;
        foreach (var e in life.Where(IsRegistry))
        {
            var at = e.OccurredAt;
            switch (e)
            {
                case CaseSubmitted s:
                    c = new Case
                    {
                        Id = s.CaseId, TracingRequestId = s.RequestId, RequestingPartyId = s.RequestingPartyId,
                        Child = new Child { GivenName = "Oleh", FamilyName = "Testchuk", BirthDate = new DateOnly(2012, 5, 1), LastKnownPlace = new Place { Region = "Test Region" } },
                        TraceConsent = new ConsentRecord { Given = true, GivenBy = "the mother", GivenAt = at },
                        ShareConsent = new ConsentRecord { Given = true, GivenBy = "the mother", GivenAt = at },
                        CreatedAt = at, UpdatedAt = at, Version = 1,
                    };
                    break;
                case CaseAccepted:
                    c!.Apply(CaseAction.Accept, at);
                    break;
                case CaseForwarded f:
                    c!.Apply(CaseAction.Forward, at);
                    c.HoldingPartyId = f.HoldingPartyId;
                    break;
                case CaseNotLocated:
                    c!.Apply(CaseAction.ReportNotLocated, at);
                    break;
                case HoldingAnswerOverdue:
                    c!.AnswerEscalatedAt = at;
                    c.Touch(at);
                    break;
                case CaseLocated:
                    c!.Apply(CaseAction.ReportLocated, at);
                    break;
            }
            Assert.Equal(e.Sequence, c!.Version);
            c.Record(e.GetType().Name, StageProjection.Registry, e.PartyId, e.Officer, at, c.Version, TimelineSummary.Of(e));
        }
        return c!;
    }

    /// <summary>The requesting party withdraws the case, as the requests API does.</summary>
    private static void WithdrawnByTheRequester(Case c)
    {
        c.Apply(CaseAction.Withdraw, CaseLife.WithdrawnAt);
        var e = new CaseWithdrawn(c.Id, CaseLife.WithdrawnAt, CaseLife.Requester, "officer-r", c.Version);
        c.Record(nameof(CaseWithdrawn), StageProjection.Registry, e.PartyId, e.Officer, e.OccurredAt, e.Sequence, TimelineSummary.Of(e));
    }

    // ---- What must not depend on the order.

    private static readonly Caller Mediator = new(new Party(CaseLife.Mediator, "Mediator", PartyKind.Mediator), "officer-m");

    /// <summary>The case's stage and what it keeps of each service, then its timeline exactly as the mediator reads it.</summary>
    private static string RequestsView(Case c) => string.Join('\n',
    [
        $"{c.Stage.ToString().ToUpperInvariant()} registry {c.RegistryStage} verification {c.Verification.Stage} handover {c.Handover.Stage}",
        .. CaseTimeline.AsRead(c.Timeline).Select(t => t.ToProto(Mediator).ToString()),
    ]);

    /// <summary>The dashboard's view of the case, then its escalations.</summary>
    private static string OperationsView((TrackedCase Case, List<Escalation> Escalations) view) => string.Join('\n',
    [
        $"{view.Case.Stage} {view.Case.BatchId} {view.Case.LegsDone} {view.Case.Custodian} {view.Case.HeldBack} "
            + $"{view.Case.RequestingPartyId} {view.Case.HoldingPartyId} {view.Case.ChildAgeYears}",
        .. view.Escalations.OrderBy(x => x.Kind).ThenBy(x => x.Subject).ThenBy(x => x.DueAt).Select(x =>
            $"{x.Kind} {x.Subject} due {x.DueAt:O} on {x.WaitingOn} raised {x.RaisedAt:O} " + (x.ResolvedAt is { } r ? $"resolved {r:O}" : "open")),
    ]);
}
