using Grpc.Core;
using Mediation.BuildingBlocks.Parties;
using Mediation.Contracts;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Mediation.Client;
using Mediation.Host.Demo;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HandoverApi = Mediation.Api.Handover.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// A state worked out from several rows must come out right when the rows change at once: every child of
/// a batch acknowledged on every leg at the same moment, every check of a checklist attested at the same
/// moment by the three parties that own them — a hundred times over, on SQLite and on PostgreSQL.
/// </summary>
public abstract class ConcurrentWritersTests(EmbeddedHost host)
{
    private const int Repetitions = 100;
    private const int Children = 11;

    private readonly PartyClient _requester = host.Party("requester-1");
    private readonly PartyClient _holder = host.Party("holder-1");
    private readonly PartyClient _mediator = host.Party("mediator");

    [Fact]
    public async Task A_batch_completes_when_all_its_children_are_handed_over_at_once()
    {
        var at = ServiceAddresses.Embedded(host.Address);
        var steps = new CaseSteps(host.Keys.Requesting(at, "requester-1", "officer-1"), host.Keys.Holding(at, "holder-1", "officer-1"), host.Keys.Mediator(at, "officer-1"));
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            var cases = await VerifiedChildren(Children);
            var batch = await steps.PlanBatch($"concurrent-batch-{Guid.NewGuid():N}", cases, CancellationToken.None);
            // The first legs' handovers are the reference case's business; here every child reaches the last
            // leg, whose acknowledgements — the giver's for all, then the receiver's for all — arrive at once.
            await CompleteLegsBeforeTheLast(batch);
            var last = batch.Legs[^1];
            // Each signed over its own child's chain first, so that the calls themselves meet at once.
            var given = await Task.WhenAll(cases.Select(name => _requester.Acknowledgement(batch.Name, name, last, HandoverApi.CustodyRole.Giver)));
            await Task.WhenAll(given.Select(a => _requester.Handover.AcknowledgeCustodyAsync(a, _requester.Headers).ResponseAsync));
            var received = await Task.WhenAll(cases.Select(name => _requester.Acknowledgement(batch.Name, name, last, HandoverApi.CustodyRole.Receiver)));
            await Task.WhenAll(received.Select(a => _requester.Handover.AcknowledgeCustodyAsync(a, _requester.Headers).ResponseAsync));

            var seen = (await _mediator.Handover.GetBatchAsync(new() { Name = batch.Name }, _mediator.Headers)).Batch;
            Assert.True(seen.State == HandoverApi.BatchState.Completed, $"repetition {repetition}: the batch is {seen.State}");
            Assert.All(seen.Children, c => Assert.Equal(HandoverApi.HandoverCaseState.Reunited, c.State));
            Assert.All(seen.Children, c => Assert.Equal("claimant", c.CurrentCustodian));
        }
    }

    [Fact]
    public async Task A_checklist_is_verified_once_when_all_its_checks_are_attested_at_once()
    {
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            var (caseId, checks) = await OpenChecklist();
            var name = $"cases/{caseId}/checklist";
            // Every party attests every check it owns at the same moment; the sign-off is refused until the
            // others have passed, and its owner tries again, as a partner's system would.
            await Task.WhenAll(checks.Select(async type =>
            {
                var by = OwnerOf(ChecklistRules.OwnerOf(type));
                while (true)
                {
                    try
                    {
                        await by.Verification.AttestCheckAsync(Attestation(name, type, by), by.Headers);
                        return;
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition && type == CheckType.BestInterests)
                    {
                        await Task.Yield();
                    }
                }
            }));

            var list = (await _mediator.Verification.GetChecklistAsync(new() { Name = name }, _mediator.Headers)).Checklist;
            Assert.True(list.State == VerificationApi.ChecklistState.Verified, $"repetition {repetition}: the checklist is {list.State}");
            Assert.All(list.Checks, c => Assert.Equal(VerificationApi.CheckState.Passed, c.State));
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<VerificationDb>();
            var verified = await db.Outbox.CountAsync(m => m.Type == typeof(CaseVerified).FullName && m.Body.Contains(caseId));
            Assert.True(verified == 1, $"repetition {repetition}: {verified} CaseVerified events");
        }
    }

    private async Task CompleteLegsBeforeTheLast(HandoverApi.Batch batch)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HandoverDb>();
        var id = batch.Name["batches/".Length..];
        foreach (var child in await db.Cases.Where(c => c.BatchId == id).ToListAsync())
        {
            child.LegsCompleted = batch.Legs.Count - 1;
            child.Version++;
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public Task Submissions_of_the_same_child_at_once_each_name_every_earlier_one_as_a_candidate() =>
        EachNamesEveryEarlierOne("same-child", (_, _) => { });

    [Fact]
    public Task Submissions_of_look_alike_children_born_a_day_apart_at_once_each_name_every_earlier_one_as_a_candidate() =>
        // Born on one day or the next: each submission reads the other's date but adds a child born on its own.
        EachNamesEveryEarlierOne("day-apart", (child, i) => child.BirthDate = new Mediation.Api.Common.V1.CalendarDate { Year = 2016, Month = 5, Day = 10 + i % 2 });

    /// <summary>Four submissions of look-alike children at once, from two parties, <see cref="Repetitions"/> times over.</summary>
    private async Task EachNamesEveryEarlierOne(string tag, Action<Api.Requests.V1.Child, int> vary)
    {
        const int submissions = 4;
        var requesters = new[] { _requester, host.Party("requester-2") };
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            var (given, family) = (Letters(), Letters());
            var answers = await Task.WhenAll(Enumerable.Range(0, submissions).Select(i =>
            {
                var request = Requests.OneChild($"{tag}-{given}-{i}", given);
                var child = request.Children[0].Child;
                child.FamilyName = family;
                // Each last seen somewhere else: a party asking twice for the very same child is refused (ALREADY_EXISTS).
                child.LastKnownPlace.Region = $"Region {(char)('A' + i)}";
                vary(child, i);
                var by = requesters[i % requesters.Length];
                return by.Requests.SubmitRequestAsync(request, by.Headers).ResponseAsync;
            }));
            var candidates = 0;
            foreach (var answer in answers)
                candidates += (await _mediator.Requests.ListMatchCandidatesAsync(new() { Parent = answer.Cases[0].Name }, _mediator.Headers)).Candidates.Count;
            // Whatever order they commit in, each sees every one before it: n(n-1)/2 pairs, each named once.
            Assert.True(candidates == submissions * (submissions - 1) / 2, $"repetition {repetition}: {candidates} candidates");
        }
    }

    private static string Letters() =>
        string.Concat(Enumerable.Range(0, 10).Select(i => (char)((i == 0 ? 'A' : 'a') + Random.Shared.Next(26))));

    /// <summary>Cases verification has passed, as handover learns of them from the bus (CaseVerifiedConsumer).</summary>
    private async Task<List<string>> VerifiedChildren(int count)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HandoverDb>();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        db.Cases.AddRange(ids.Select(id => new HandoverCase { CaseId = id, RequestingPartyId = _requester.PartyId, HoldingPartyId = _holder.PartyId, VerifiedAt = DateTime.UtcNow }));
        await db.SaveChangesAsync();
        return ids.Select(id => "cases/" + id).ToList();
    }

    /// <summary>A located child's checklist with every kind of check (a 14-year-old with special needs, claimed by an aunt), as CaseLocatedConsumer opens it.</summary>
    private async Task<(string CaseId, IReadOnlyList<CheckType> Checks)> OpenChecklist()
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDb>();
        var types = scope.ServiceProvider.GetRequiredService<ChecklistRules>().ChecksFor(14, hasSpecialNeeds: true, claimantIsParent: false);
        var deadlines = scope.ServiceProvider.GetRequiredService<VerificationDeadlines>();
        var caseId = Guid.NewGuid().ToString("N");
        db.Checklists.Add(Checklist.Open(caseId, _requester.PartyId, _holder.PartyId, types, deadlines, DateTime.UtcNow));
        await db.SaveChangesAsync();
        return (caseId, types);
    }

    private PartyClient OwnerOf(PartyKind kind) => kind switch
    {
        PartyKind.Requesting => _requester,
        PartyKind.Holding => _holder,
        _ => _mediator,
    };

    private static VerificationApi.AttestCheckRequest Attestation(string checklist, CheckType type, PartyClient by) => new()
    {
        RequestId = $"attest-{checklist}-{type}",
        Checklist = checklist,
        Check = (VerificationApi.CheckType)type,
        Outcome = VerificationApi.AttestationOutcome.Passed,
        Evidence = { new VerificationApi.EvidenceReference { Kind = "document", Issuer = by.PartyId, Sha256 = new string('a', 64) } },
    };
}

public sealed class ConcurrentWritersOnSqliteTests(ConcurrentWritersOnSqliteTests.Host host) : ConcurrentWritersTests(host), IClassFixture<ConcurrentWritersOnSqliteTests.Host>
{
    public sealed class Host : EmbeddedHost
    {
        // Eleven parties' calls at once, a hundred times: more than a partner's rate limit allows.
        protected override string[] Settings() => ["--RateLimits:PerPartyPerSecond", "100000"];
    }
}

public sealed class ConcurrentWritersOnPostgresTests(ConcurrentWritersOnPostgresTests.Host host) : ConcurrentWritersTests(host), IClassFixture<ConcurrentWritersOnPostgresTests.Host>
{
    public sealed class Host : PostgresEmbeddedHost
    {
        protected override string[] Settings() => [.. base.Settings(), "--RateLimits:PerPartyPerSecond", "100000"];
    }
}
