using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.Verification.Domain;
using static Mediation.Verification.Domain.CheckType;

namespace Mediation.UnitTests;

public class ChecklistTests
{
    private static readonly Party Requester = new("requester-1", "R", PartyKind.Requesting);
    private static readonly Party Holder = new("holder-1", "H", PartyKind.Holding);
    private static readonly Party Mediator = new("mediator", "M", PartyKind.Mediator);
    private static readonly DateTime Now = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly VerificationDeadlines Deadlines = VerificationDeadlines.Default;

    private static Checklist Open(params CheckType[] checks) => Checklist.Open("case", Requester.Id, Holder.Id, checks, Deadlines, Now);

    private static Party OwnerOf(CheckType type) => ChecklistRules.OwnerOf(type) switch
    {
        PartyKind.Requesting => Requester,
        PartyKind.Holding => Holder,
        _ => Mediator,
    };

    private static void Pass(Checklist list, CheckType type) =>
        list.Attest(type, AttestationOutcome.Passed, "", [], null, OwnerOf(type), "officer", Deadlines, Now);

    [Fact]
    public void Only_the_owning_kind_may_attest_a_check()
    {
        var list = Open(Identity, Relationship, BestInterests);
        Assert.Throws<NotPermitted>(() => list.Attest(Identity, AttestationOutcome.Passed, "", [], null, Requester, "o", Deadlines, Now));
        Assert.Throws<NotPermitted>(() => list.Attest(Relationship, AttestationOutcome.Passed, "", [], null, Holder, "o", Deadlines, Now));
        Assert.All(list.Checks, c => Assert.Equal(CheckState.Pending, c.State));
    }

    [Fact]
    public void Best_interests_waits_until_every_other_check_has_passed()
    {
        var list = Open(Identity, Relationship, BestInterests);
        Pass(list, Identity);
        Assert.Throws<TransitionRefused>(() => Pass(list, BestInterests));
        Pass(list, Relationship);
        Pass(list, BestInterests);
        Assert.Equal(ChecklistState.Verified, list.State);
    }

    [Fact]
    public void A_failed_check_stops_the_checklist_with_its_reason()
    {
        var list = Open(Identity, Relationship, BestInterests);
        list.Attest(Relationship, AttestationOutcome.Failed, "documents do not match", [], null, Requester, "o", Deadlines, Now);
        Assert.Equal(ChecklistState.Failed, list.State);
        Assert.Equal("documents do not match", list.Checks.Single(c => c.Type == Relationship).Reason);
        Assert.Throws<TransitionRefused>(() => Pass(list, Identity));
    }

    [Fact]
    public void More_information_keeps_the_check_open_for_its_owner()
    {
        var list = Open(Identity, BestInterests);
        list.Attest(Identity, AttestationOutcome.MoreInfoNeeded, "photo needed", [], null, Holder, "o", Deadlines, Now);
        Assert.Equal(CheckState.MoreInfoNeeded, list.Checks[0].State);
        Assert.Equal(ChecklistState.Open, list.State);
        Pass(list, Identity);
        Assert.Equal(CheckState.Passed, list.Checks[0].State);
    }

    [Fact]
    public void Open_checks_wait_on_their_owners_with_a_deadline_and_the_sign_off_on_nobody_yet()
    {
        var list = Open(Identity, Relationship, BestInterests);
        Assert.All(list.Checks.Take(2), c => Assert.Equal(Now + Deadlines.Check, c.DueAt));
        Assert.Equal(PartyKind.Holding, list.Checks[0].WaitingOn);
        Assert.Null(list.Checks[2].DueAt);
        Pass(list, Identity);
        Pass(list, Relationship);
        Assert.Null(list.Checks[0].DueAt);
        Assert.Equal(Now + Deadlines.Check, list.Checks[2].DueAt);
    }

    [Fact]
    public void More_information_waits_on_the_party_asked_until_it_answers()
    {
        var list = Open(ChildViews, BestInterests);
        list.Attest(ChildViews, AttestationOutcome.MoreInfoNeeded, "school records", [], PartyKind.Requesting, Mediator, "o", Deadlines, Now);
        Assert.Equal(PartyKind.Requesting, list.Checks[0].WaitingOn);
        Assert.Equal(Now + Deadlines.Information, list.Checks[0].DueAt);
        Assert.Throws<NotPermitted>(() => list.ProvideInformation(ChildViews, "records", [], Holder, Deadlines, Now));

        var later = Now.AddDays(2);
        list.ProvideInformation(ChildViews, "records sent", [], Requester, Deadlines, later);
        Assert.Equal(CheckState.Pending, list.Checks[0].State);
        Assert.Equal(PartyKind.Mediator, list.Checks[0].WaitingOn);
        Assert.Equal(later + Deadlines.Check, list.Checks[0].DueAt);
        Assert.Throws<TransitionRefused>(() => list.ProvideInformation(ChildViews, "again", [], Requester, Deadlines, later));
    }

    [Fact]
    public void Only_a_failed_checklist_reopens_and_its_failed_checks_wait_again()
    {
        var list = Open(Identity, Relationship, BestInterests);
        Assert.Throws<TransitionRefused>(() => list.Reopen("why", Deadlines, Now));
        Pass(list, Identity);
        list.Attest(Relationship, AttestationOutcome.Failed, "no record", [], null, Requester, "o", Deadlines, Now);
        list.Reopen("new documents found", Deadlines, Now.AddDays(1));
        Assert.Equal(ChecklistState.Open, list.State);
        Assert.Equal(CheckState.Passed, list.Checks[0].State);
        Assert.Equal(CheckState.Pending, list.Checks[1].State);
        Assert.Equal(Now.AddDays(1) + Deadlines.Check, list.Checks[1].DueAt);
        Pass(list, Relationship);
        Pass(list, BestInterests);
        Assert.Equal(ChecklistState.Verified, list.State);
    }

    [Fact]
    public void A_withdrawn_case_takes_no_more_attestations()
    {
        var list = Open(Identity, BestInterests);
        Assert.True(list.Withdraw(Now));
        Assert.Throws<TransitionRefused>(() => Pass(list, Identity));
        Assert.False(list.Withdraw(Now));
        Assert.Equal(ChecklistState.Withdrawn, list.State);
    }

    [Fact]
    public void The_outcome_is_the_same_whatever_order_the_owners_attest_in()
    {
        CheckType[] others = [Identity, Relationship, Custody, ReleaseConsent, ChildViews, CarePlan];
        foreach (var order in Permutations(others))
        {
            var list = Open([.. others, BestInterests]);
            foreach (var type in order)
                Pass(list, type);
            Assert.Equal(ChecklistState.Open, list.State);
            Pass(list, BestInterests);
            Assert.Equal(ChecklistState.Verified, list.State);
        }
    }

    [Fact]
    public void Every_change_that_publishes_an_event_moves_the_checklists_version_its_events_sequence()
    {
        var list = Open(Identity, BestInterests);
        Assert.Equal(1, list.Version);
        list.Escalate(list.Checks[0], Now);
        Assert.Equal(2, list.Version);
        list.Attest(Identity, AttestationOutcome.Failed, "papers do not match", [], null, Holder, "o", Deadlines, Now);
        Assert.Equal(3, list.Version);
        list.Reopen("new papers", Deadlines, Now);
        Assert.Equal(4, list.Version);
    }

    [Fact]
    public void A_row_made_before_the_case_was_located_keeps_what_it_holds_once_located()
    {
        var list = Checklist.AwaitingLocation("case", Now);
        Assert.True(list.StopSharing(Now));
        Assert.True(list.Withdraw(Now));
        list.Locate(Requester.Id, Holder.Id, [Identity, BestInterests], Deadlines, Now);
        Assert.Equal((true, ChecklistState.Withdrawn, true, 2), (list.Located, list.State, list.SharingStopped, list.Checks.Count));
        Assert.All(list.Checks, c => Assert.Null(c.DueAt));
        Assert.Throws<InvalidOperationException>(() => list.Locate(Requester.Id, Holder.Id, [Identity], Deadlines, Now));
    }

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((head, i) => Permutations(items.Where((_, j) => j != i).ToList()).Select(rest => (IReadOnlyList<T>)[head, .. rest]));
}
