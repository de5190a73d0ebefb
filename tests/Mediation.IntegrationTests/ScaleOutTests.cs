using Mediation.Host.Demo;
using Npgsql;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.IntegrationTests;

/// <summary>Two instances of one service on one queue and one database share the work, and neither repeats nor loses any.</summary>
[Collection(DistributedCollection.Name)]
public sealed class ScaleOutTests(DistributedServices services)
{
    [Fact]
    public async Task Two_verification_instances_share_the_located_cases_and_open_each_checklist_once()
    {
        var second = services.Start("Verification");
        await second.WaitServing();
        try
        {
            // Serving gRPC comes a moment before consuming: wait until the broker sees both consumers on the queue.
            await Requests.Eventually(services.Queues, q => q.GetValueOrDefault("verification-case-located") == 2);
            var requester = Party("requester-1");
            var mediator = Party("mediator");
            var holder = Party("holder-1");
            var tag = Guid.NewGuid().ToString("N")[..8];
            var names = new List<string>();
            for (var i = 0; i < 16; i++)
                names.Add(await Requests.LocatedCase(requester, mediator, holder, $"scale-{tag}-{i}"));
            foreach (var name in names)
                await Requests.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, mediator.Headers).ResponseAsync);

            var ids = names.Select(n => n["cases/".Length..]).ToArray();
            await using var db = services.Database("verification");
            await db.OpenAsync();
            // Each case's CaseLocated was applied by exactly one instance, and both instances took some.
            var handlers = new List<string>();
            await using (var command = new NpgsqlCommand(
                """SELECT i."HandledBy" FROM inbox i WHERE i."Consumer" = 'verification-case-located' AND i."HandledAt" >= (SELECT min("CreatedAt") FROM checklists WHERE "CaseId" = ANY(@ids))""", db))
            {
                command.Parameters.AddWithValue("ids", ids);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    handlers.Add(reader.GetString(0));
            }
            Assert.Equal(ids.Length, handlers.Count);
            Assert.Equal(2, handlers.Distinct().Count());
            await using (var count = new NpgsqlCommand("""SELECT count(*) FROM checklists WHERE "CaseId" = ANY(@ids)""", db))
            {
                count.Parameters.AddWithValue("ids", ids);
                Assert.Equal((long)ids.Length, (long)(await count.ExecuteScalarAsync())!);
            }
        }
        finally
        {
            await second.Stop();
        }
    }

    [Fact]
    public async Task Attestations_on_one_case_through_two_instances_at_once_all_land()
    {
        var second = services.Start("Verification");
        await second.WaitServing();
        try
        {
            var viaFirst = services.Addresses;
            var viaSecond = viaFirst with { Verification = second.Address };
            var requester = Party("requester-1");
            var mediator = Party("mediator");
            var holder = Party("holder-1");
            var name = await Requests.LocatedCase(requester, mediator, holder, "race-" + Guid.NewGuid().ToString("N")[..8]);
            var checklist = name + "/checklist";
            await Requests.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = checklist }, mediator.Headers).ResponseAsync);

            // The child (9, claimed by the mother) needs identity and release consent (holding party), and
            // relationship and family care (requesting party) before the sign-off: all at once, over both instances.
            var holderOnSecond = new PartyClient(viaSecond, "holder-1", services.Keys.KeyOf("holder-1"), "officer-h2");
            var requesterOnSecond = new PartyClient(viaSecond, "requester-1", services.Keys.KeyOf("requester-1"), "officer-r2");
            await Task.WhenAll(
                Attest(holder, checklist, VerificationApi.CheckType.Identity),
                Attest(holderOnSecond, checklist, VerificationApi.CheckType.ReleaseConsent),
                Attest(requesterOnSecond, checklist, VerificationApi.CheckType.Relationship),
                Attest(requester, checklist, VerificationApi.CheckType.FamilyCare));

            var list = (await mediator.Verification.GetChecklistAsync(new() { Name = checklist }, mediator.Headers)).Checklist;
            Assert.All(list.Checks.Where(c => c.Type != VerificationApi.CheckType.BestInterests),
                c => Assert.Equal(VerificationApi.CheckState.Passed, c.State));
            await Attest(mediator, checklist, VerificationApi.CheckType.BestInterests);
            list = (await mediator.Verification.GetChecklistAsync(new() { Name = checklist }, mediator.Headers)).Checklist;
            Assert.Equal(VerificationApi.ChecklistState.Verified, list.State);
        }
        finally
        {
            await second.Stop();
        }
    }

    private PartyClient Party(string id) => new(services.Addresses, id, services.Keys.KeyOf(id), "officer-" + id);

    private static Task Attest(PartyClient by, string checklist, VerificationApi.CheckType check) =>
        by.Verification.AttestCheckAsync(new VerificationApi.AttestCheckRequest
        {
            RequestId = $"attest-{checklist}-{check}",
            Checklist = checklist,
            Check = check,
            Outcome = VerificationApi.AttestationOutcome.Passed,
        }, by.Headers).ResponseAsync;
}
