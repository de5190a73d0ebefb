using Mediation.Contracts;
using Mediation.Host;
using Mediation.Verification.Consumers;
using Mediation.Verification.Persistence;
using Mediation.Host.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// Deadlines on a host whose clock the test moves (FakeTimeProvider): a check overdue is escalated to
/// the operators once, as an event every service can see, and shows in the case's timeline.
/// </summary>
public sealed class DeadlineTests(FakeClockHost host) : IClassFixture<FakeClockHost>
{
    private PartyClient Party(string id) => host.Party(id);

    [Fact]
    public async Task A_check_past_its_deadline_is_escalated_once_and_shows_in_the_timeline()
    {
        var requester = Party("requester-1");
        var mediator = Party("mediator");
        var holder = Party("holder-1");
        var name = await Requests.LocatedCase(requester, mediator, holder, "late-" + Guid.NewGuid().ToString("N")[..8]);
        await Requests.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, mediator.Headers).ResponseAsync);

        var pending = (await holder.Verification.ListPendingChecksAsync(new(), holder.Headers)).Checks.Where(c => c.Case == name).ToList();
        Assert.Equal([VerificationApi.CheckType.Identity, VerificationApi.CheckType.ReleaseConsent], pending.Select(c => c.Type));
        Assert.All(pending, c => Assert.Equal(host.Clock.GetUtcNow().AddDays(14).UtcDateTime, c.DueTime.ToDateTime(), TimeSpan.FromSeconds(1)));
        // The holding party answers one of its checks in time.
        await holder.Verification.AttestCheckAsync(new()
        {
            RequestId = "in-time-" + name,
            Checklist = name + "/checklist",
            Check = VerificationApi.CheckType.Identity,
            Outcome = VerificationApi.AttestationOutcome.Passed,
        }, holder.Headers);

        host.Clock.Advance(TimeSpan.FromDays(15));
        var timeline = await Requests.Eventually(() => requester.Requests.ListCaseEventsAsync(new() { Parent = name }, requester.Headers).ResponseAsync,
            r => r.Events.Count(e => e.Type == "CheckOverdue") >= 3);
        var overdue = timeline.Events.Where(e => e.Type == "CheckOverdue").Select(e => e.Summary).Order().ToList();
        Assert.Equal(3, overdue.Count); // release consent (holding), relationship and family care (requesting); identity was attested
        Assert.Contains(overdue, s => s.StartsWith("check RELEASE_CONSENT overdue") && s.EndsWith("waiting on the HOLDING party"));
        Assert.Contains(overdue, s => s.StartsWith("check RELATIONSHIP overdue") && s.EndsWith("waiting on the REQUESTING party"));

        // A later scan does not escalate the same deadlines again: still three escalations in the outbox.
        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.App.Services.GetRequiredService<OverdueChecks>().Scan(CancellationToken.None);
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDb>();
        var caseId = name["cases/".Length..];
        Assert.Equal(3, db.Outbox.Count(m => m.Type == typeof(CheckOverdue).FullName && m.Body.Contains(caseId)));
    }

    [Fact]
    public async Task A_holding_party_that_does_not_answer_a_forwarded_case_in_time_is_escalated_once()
    {
        var requester = Party("requester-2");
        var mediator = Party("mediator");
        var holder = Party("holder-2");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var names = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var name = (await requester.Requests.SubmitRequestAsync(Requests.OneChild($"silent-{tag}-{i}"), requester.Headers)).Cases[0].Name;
            await mediator.Requests.AcceptCaseAsync(new() { RequestId = $"a-{tag}-{i}", Name = name }, mediator.Headers);
            await mediator.Requests.ForwardCaseAsync(new() { RequestId = $"f-{tag}-{i}", Name = name, HoldingParty = holder.Resource }, mediator.Headers);
            names.Add(name);
        }
        // The holding party answers the second case in time, the first never.
        await holder.Requests.ReportCaseNotLocatedAsync(new() { RequestId = $"n-{tag}", Name = names[1], Tried = "records of the children's homes in the region" }, holder.Headers);

        host.Clock.Advance(TimeSpan.FromDays(31));
        var late = await Requests.Eventually(() => requester.Requests.ListCaseEventsAsync(new() { Parent = names[0] }, requester.Headers).ResponseAsync,
            r => r.Events.Any(e => e.Type == "HoldingAnswerOverdue"));
        Assert.Contains("parties/holder-2 has not answered", Assert.Single(late.Events, e => e.Type == "HoldingAnswerOverdue").Summary);

        var overdue = await mediator.Requests.ListCasesAsync(new() { OverdueOnly = true, PageSize = 500 }, mediator.Headers);
        Assert.Contains(names[0], overdue.Cases.Select(c => c.Name));
        Assert.DoesNotContain(names[1], overdue.Cases.Select(c => c.Name));

        await host.App.Services.GetRequiredService<Mediation.Requests.Consumers.OverdueAnswers>().Scan(CancellationToken.None);
        var again = await requester.Requests.ListCaseEventsAsync(new() { Parent = names[0] }, requester.Headers);
        Assert.Single(again.Events, e => e.Type == "HoldingAnswerOverdue");
        var answered = await requester.Requests.ListCaseEventsAsync(new() { Parent = names[1] }, requester.Headers);
        Assert.DoesNotContain(answered.Events, e => e.Type == "HoldingAnswerOverdue");
    }
}
