using Google.Rpc;
using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Issue 20, finding 1: one requesting party, within its rate limit, made the registry grow with the square of
/// its submissions (every pair of look-alike open cases a stored match candidate, no cap, no paging): 30 calls
/// of 100 identical children left 4.35 million candidate rows, and a genuine submission of that child 3,000
/// candidates. Now a case keeps its few best candidates, one child listed twice is refused, a party's own open
/// case of the same child is named instead of copied, candidates are paged, and open cases have a quota.
/// </summary>
public abstract class OnePartyCannotGrowTheRegistryTests(EmbeddedHost host)
{
    /// <summary>A small quota of open cases, so that a test can reach it.</summary>
    protected const int OpenCasesPerParty = 350;

    protected static readonly string[] Limits = ["--Requests:OpenCasesPerParty", OpenCasesPerParty.ToString()];

    private const int CandidatesPerCase = 5;

    private readonly PartyClient _requester = host.Party("requester-1");
    private readonly PartyClient _otherRequester = host.Party("requester-2");
    private readonly PartyClient _mediator = host.Party("mediator");

    private static RequestsApi.ChildRequest Child(string given, string family, DateOnly born, string region)
    {
        var item = Requests.OneChild("unused").Children[0];
        (item.Child.GivenName, item.Child.FamilyName) = (given, family);
        item.Child.BirthDate = new Common.CalendarDate { Year = born.Year, Month = born.Month, Day = born.Day };
        item.Child.LastKnownPlace.Region = region;
        return item;
    }

    private static RequestsApi.SubmitRequestRequest Request(string requestId, IEnumerable<RequestsApi.ChildRequest> children)
    {
        var request = new RequestsApi.SubmitRequestRequest { RequestId = requestId };
        request.Children.AddRange(children);
        return request;
    }

    private static string Letters(int length = 10) =>
        string.Concat(Enumerable.Range(0, length).Select(i => (char)((i == 0 ? 'A' : 'a') + Random.Shared.Next(26))));

    private static DateOnly SomeBirthDate() => new DateOnly(2010, 1, 1).AddDays(Random.Shared.Next(4000));

    /// <summary>Every case <paramref name="party"/> can list.</summary>
    private static async Task<int> CaseCount(PartyClient party)
    {
        var count = 0;
        var request = new RequestsApi.ListCasesRequest { PageSize = 500 };
        do
        {
            var page = await party.Requests.ListCasesAsync(request, party.Headers);
            count += page.Cases.Count;
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return count;
    }

    /// <summary>Every candidate of <paramref name="caseName"/>, page by page.</summary>
    private async Task<List<RequestsApi.MatchCandidate>> Candidates(string caseName, int pageSize)
    {
        var all = new List<RequestsApi.MatchCandidate>();
        var request = new RequestsApi.ListMatchCandidatesRequest { Parent = caseName, PageSize = pageSize };
        do
        {
            var page = await _mediator.Requests.ListMatchCandidatesAsync(request, _mediator.Headers);
            Assert.InRange(page.Candidates.Count, 0, pageSize);
            all.AddRange(page.Candidates);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return all;
    }

    [Fact]
    public async Task One_child_listed_a_hundred_times_in_one_request_is_refused_naming_each_copy_and_nothing_is_stored()
    {
        var child = Child(Letters(), Letters(), SomeBirthDate(), Letters());
        var before = await CaseCount(_requester);

        var refused = await Assert.ThrowsAsync<RpcException>(() => _requester.Requests.SubmitRequestAsync(
            Request("hundred-copies-" + Letters(), Enumerable.Repeat(child, 100)), _requester.Headers).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violations = refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.Equal(Enumerable.Range(1, 99).Select(i => $"children[{i}].child"), violations.Select(v => v.Field));
        Assert.All(violations, v => Assert.Contains("children[0]", v.Description));
        Assert.Equal(before, await CaseCount(_requester));
    }

    [Fact]
    public async Task A_party_asking_again_for_a_child_it_has_open_is_told_its_case_and_another_party_is_not()
    {
        var (given, family, born, region) = (Letters(), Letters(), SomeBirthDate(), Letters());
        var first = (await _requester.Requests.SubmitRequestAsync(Request("own-first-" + given, [Child(given, family, born, region)]), _requester.Headers)).Cases[0];
        var before = await CaseCount(_requester);

        // Again, in a request of three children: the whole request is refused, naming the listing and the party's own case.
        var again = Request("own-again-" + given, [Child(Letters(), Letters(), born, region), Child(family, given, born, region), Child(Letters(), Letters(), born, region)]);
        var refused = await Assert.ThrowsAsync<RpcException>(() => _requester.Requests.SubmitRequestAsync(again, _requester.Headers).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        Assert.Contains("children[1].child", refused.Status.Detail);
        Assert.Contains(first.Name, refused.Status.Detail);
        Assert.Equal(before, await CaseCount(_requester));

        // Another party asking for the same child learns nothing of the first party's case; the mediator sees the match.
        var other = (await _otherRequester.Requests.SubmitRequestAsync(Request("other-" + given, [Child(given, family, born, region)]), _otherRequester.Headers)).Cases[0];
        Assert.Equal(first.Name, Assert.Single(await Candidates(other.Name, 50)).Candidate);
    }

    [Fact]
    public async Task Look_alike_children_flooded_by_one_party_leave_every_case_a_few_candidates_and_the_genuine_match_first()
    {
        var (given, family, born, region) = (Letters(), Letters(), SomeBirthDate(), Letters());
        var original = (await _requester.Requests.SubmitRequestAsync(Request("genuine-" + given, [Child(given, family, born, region)]), _requester.Headers)).Cases[0];

        // The attack: calls of 100 children with the child's names and birth date, each "last seen" somewhere else,
        // so that none is the same child as another and every one is a candidate for every other.
        var flooded = new List<string>();
        for (var call = 0; call < 3; call++)
        {
            var answer = await _requester.Requests.SubmitRequestAsync(
                Request($"flood-{given}-{call}", Enumerable.Range(0, 100).Select(_ => Child(given, family, born, Letters()))), _requester.Headers);
            flooded.AddRange(answer.Cases.Select(c => c.Name));
        }
        foreach (var name in flooded.TakeLast(100))
            Assert.InRange((await Candidates(name, 50)).Count, 1, CandidatesPerCase);

        // A genuine submission of the child by another party: a few candidates, the case it really matches first.
        var genuine = (await _otherRequester.Requests.SubmitRequestAsync(Request("genuine-again-" + given, [Child(given, family, born, region)]), _otherRequester.Headers)).Cases[0];
        var all = await Candidates(genuine.Name, 500);
        Assert.Equal(CandidatesPerCase, all.Count);
        Assert.Equal(original.Name, all[0].Candidate);
        Assert.Equal(1.0, all[0].Score);
        Assert.Equal(all.OrderByDescending(c => c.Score).Select(c => c.Name), all.Select(c => c.Name));

        // Paged two at a time: every candidate exactly once, in the same order.
        var paged = await Candidates(genuine.Name, 2);
        Assert.Equal(all.Select(c => c.Name), paged.Select(c => c.Name));

        var badToken = await Assert.ThrowsAsync<RpcException>(() => _mediator.Requests.ListMatchCandidatesAsync(
            new() { Parent = genuine.Name, PageToken = "not-a-token" }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
    }

    [Fact]
    public async Task A_party_at_its_quota_of_open_cases_is_refused_with_resource_exhausted_and_nothing_is_stored()
    {
        var requester = _otherRequester;
        var open = await CaseCount(requester);
        var call = 0;
        var mine = new List<string>();
        // Fill up to the quota in requests of at most 100 distinct children.
        while (open < OpenCasesPerParty)
        {
            var children = Math.Min(100, OpenCasesPerParty - open);
            var answer = await requester.Requests.SubmitRequestAsync(
                Request($"quota-{call++}-{Letters()}", Enumerable.Range(0, children).Select(_ => Child(Letters(), Letters(), SomeBirthDate(), Letters()))), requester.Headers);
            mine.AddRange(answer.Cases.Select(c => c.Name));
            open += children;
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => requester.Requests.SubmitRequestAsync(
            Request("quota-past-" + Letters(), [Child(Letters(), Letters(), SomeBirthDate(), Letters())]), requester.Headers).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains($"limit of {OpenCasesPerParty} open cases", refused.Status.Detail);
        var quota = Assert.Single(refused.GetRpcStatus()!.GetDetail<QuotaFailure>().Violations);
        Assert.Equal(requester.Resource, quota.Subject);
        Assert.Equal(OpenCasesPerParty, await CaseCount(requester));

        // Another party is not held by this one's quota.
        await _requester.Requests.SubmitRequestAsync(Request("quota-other-" + Letters(), [Child(Letters(), Letters(), SomeBirthDate(), Letters())]), _requester.Headers);

        // A withdrawn case is no longer open: it makes room (and leaves room for this class's other tests).
        foreach (var name in mine.Take(5))
            await requester.Requests.WithdrawCaseAsync(new() { RequestId = "quota-withdraw-" + name, Name = name }, requester.Headers);
        await requester.Requests.SubmitRequestAsync(Request("quota-room-" + Letters(), [Child(Letters(), Letters(), SomeBirthDate(), Letters())]), requester.Headers);
    }
}

public sealed class OnePartyCannotGrowTheRegistryOnSqliteTests(OnePartyCannotGrowTheRegistryOnSqliteTests.Host host)
    : OnePartyCannotGrowTheRegistryTests(host), IClassFixture<OnePartyCannotGrowTheRegistryOnSqliteTests.Host>
{
    public sealed class Host : EmbeddedHost
    {
        protected override string[] Settings() => Limits;
    }
}

public sealed class OnePartyCannotGrowTheRegistryOnPostgresTests(OnePartyCannotGrowTheRegistryOnPostgresTests.Host host)
    : OnePartyCannotGrowTheRegistryTests(host), IClassFixture<OnePartyCannotGrowTheRegistryOnPostgresTests.Host>
{
    public sealed class Host : PostgresEmbeddedHost
    {
        protected override string[] Settings() => [.. base.Settings(), .. Limits];
    }
}
