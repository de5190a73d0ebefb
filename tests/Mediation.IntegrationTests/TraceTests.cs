using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mediation.IntegrationTests;

/// <summary>One case's trace runs from a party's gRPC call through the outbox and the bus into the next services.</summary>
[Collection(EmbeddedHostCollection.Name)]
public class TraceTests(EmbeddedHost host)
{
    [Fact]
    public async Task A_reported_location_and_what_it_causes_share_one_trace()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Mediation" or "MassTransit" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        var name = await Requests.LocatedCase(requester, mediator, holder, "trace-" + Guid.NewGuid().ToString("N")[..6]);
        var caseId = name["cases/".Length..];
        // The checklist opened in verification, and its event came back to requests.
        await Requests.Eventually(() => requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync,
            c => c.Case.Stage == Mediation.Api.Requests.V1.CaseStage.InVerification);

        async Task<Activity> Find(Func<Activity, bool> what) =>
            (await Requests.Eventually(() => Task.FromResult(activities.FirstOrDefault(what)), a => a is not null))!;
        static bool Mentions(Activity a, string text) =>
            a.DisplayName.Contains(text, StringComparison.Ordinal) || a.TagObjects.Any(t => t.Value?.ToString()?.Contains(text, StringComparison.Ordinal) == true);

        var published = await Find(a => a.OperationName == "outbox publish CaseLocated" && (a.GetTagItem("mediation.case_id") as string) == caseId);
        var trace = published.TraceId;
        // The trace began with the holding party's call…
        await Find(a => a.TraceId == trace && a.Kind == ActivityKind.Server && Mentions(a, "ReportCaseLocated"));
        // …went through the bus into verification, whose own event went on to requests.
        await Find(a => a.TraceId == trace && a.Kind == ActivityKind.Consumer && Mentions(a, "verification-case-located"));
        await Find(a => a.TraceId == trace && a.OperationName == "outbox publish ChecklistOpened" && (a.GetTagItem("mediation.case_id") as string) == caseId);
        await Find(a => a.TraceId == trace && a.Kind == ActivityKind.Consumer && Mentions(a, "requests-case-events"));
    }
}
