using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>The same child asked for twice — by two requesting parties, in two scripts — is found, and only the mediator decides.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class MatchingTests(EmbeddedHost host)
{
    private readonly PartyClient _first = host.Party("requester-1");
    private readonly PartyClient _second = host.Party("requester-2");
    private readonly PartyClient _mediator = host.Party("mediator");

    private static RequestsApi.SubmitRequestRequest Child(string requestId, string given, string family, DateOnly born)
    {
        var request = Requests.OneChild(requestId);
        var child = request.Children[0].Child;
        (child.GivenName, child.FamilyName) = (given, family);
        child.BirthDate = new Common.CalendarDate { Year = born.Year, Month = born.Month, Day = born.Day };
        // Last seen in one region, as the same child would be (the builder gives each child a region of its own).
        child.LastKnownPlace.Region = "Test Region";
        return request;
    }

    [Fact]
    public async Task A_child_submitted_again_in_another_script_is_a_candidate_the_mediator_confirms_or_dismisses()
    {
        // A birth date of this run's own, so that no other test's children are candidates here.
        var born = new DateOnly(2011, 1, 1).AddDays(Random.Shared.Next(3000));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var original = (await _first.Requests.SubmitRequestAsync(Child($"m1-{tag}", "Олександр", "Ковальчук", born), _first.Headers)).Cases[0];
        var sister = (await _first.Requests.SubmitRequestAsync(Child($"m2-{tag}", "Oleksandra", "Kovalchuk", born), _first.Headers)).Cases[0];
        var again = (await _second.Requests.SubmitRequestAsync(Child($"m3-{tag}", "Aleksandr", "Kowalczuk", born), _second.Headers)).Cases[0];

        var candidates = (await _mediator.Requests.ListMatchCandidatesAsync(new() { Parent = again.Name }, _mediator.Headers)).Candidates;
        var match = Assert.Single(candidates);
        Assert.Equal(original.Name, match.Candidate);
        Assert.Equal(1.0, match.Score);
        Assert.Equal(RequestsApi.MatchState.Open, match.State);
        Assert.Empty((await _mediator.Requests.ListMatchCandidatesAsync(new() { Parent = sister.Name }, _mediator.Headers)).Candidates);

        var denied = await Assert.ThrowsAsync<RpcException>(() => _second.Requests.ListMatchCandidatesAsync(new() { Parent = again.Name }, _second.Headers).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var confirmed = await _mediator.Requests.ConfirmMatchAsync(new() { RequestId = "confirm-" + tag, Name = match.Name }, _mediator.Headers);
        Assert.Equal(RequestsApi.CaseStage.Duplicate, confirmed.Case.Stage);
        Assert.Equal(original.Name, confirmed.Case.DuplicateOf);
        var decided = await Assert.ThrowsAsync<RpcException>(() => _mediator.Requests.DismissMatchAsync(new() { RequestId = "dismiss-" + tag, Name = match.Name }, _mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, decided.StatusCode);

        // A later submission of the same child, dismissed by the mediator, stays a case of its own.
        var third = (await _second.Requests.SubmitRequestAsync(Child($"m4-{tag}", "Oleksandr", "Kovalchuk", born), _second.Headers)).Cases[0];
        var next = Assert.Single((await _mediator.Requests.ListMatchCandidatesAsync(new() { Parent = third.Name }, _mediator.Headers)).Candidates);
        var dismissed = await _mediator.Requests.DismissMatchAsync(new() { RequestId = "dismiss2-" + tag, Name = next.Name }, _mediator.Headers);
        Assert.Equal(RequestsApi.MatchState.Dismissed, dismissed.Candidate.State);
        Assert.Equal(RequestsApi.CaseStage.Submitted, (await _second.Requests.GetCaseAsync(new() { Name = third.Name }, _second.Headers)).Case.Stage);
    }
}
