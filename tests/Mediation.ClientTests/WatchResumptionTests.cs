using Mediation.Client;
using Mediation.IntegrationTests;
using Submissions = Mediation.IntegrationTests.Requests;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.ClientTests;

/// <summary>
/// A party follows its cases on one WatchCaseEvents stream while the service restarts: the library reconnects from
/// the last cursor, and what the party receives is its cases' timelines, each event once.
/// </summary>
public class WatchResumptionTests(WatchResumptionTests.RestartedHost host) : IClassFixture<WatchResumptionTests.RestartedHost>
{
    /// <summary>A host of its own: restarting it must not cut the other test classes' calls.</summary>
    public sealed class RestartedHost : EmbeddedHost;

    [Fact]
    public async Task The_watch_resumes_after_the_service_restarts_with_no_gap_and_no_repeat()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var requester = host.Keys.Requesting(ServiceAddresses.Embedded(host.Address), "requester-1", "officer-r1");
        var received = new List<RequestsApi.WatchCaseEventsResponse>();
        await using var watch = requester.WatchCaseEvents(ct: timeout.Token).GetAsyncEnumerator(timeout.Token);

        var before = await Submit(requester, 2);
        await ReadUntil(watch, received, () => before.All(c => received.Any(e => e.Case == c)));

        // The stream breaks under the watch; the next cases are submitted while it is away.
        await host.Restart();
        var after = await Submit(requester, 2);
        await ReadUntil(watch, received, () => after.All(c => received.Any(e => e.Case == c)));

        var cases = before.Concat(after).ToList();
        var timelines = new List<(string Case, string Type, DateTime At)>();
        foreach (var name in cases)
            timelines.AddRange((await requester.ListCaseEventsAsync(new() { Parent = name, PageSize = 500 })).Events.Select(e => (name, e.Type, e.OccurTime.ToDateTime())));
        await ReadUntil(watch, received, () => timelines.All(t => received.Any(e => Key(e) == t)));

        Assert.Equal(received.Count, received.Select(e => e.Cursor).Distinct().Count());
        var streamed = received.Where(e => cases.Contains(e.Case)).Select(Key).ToList();
        Assert.Equal(timelines.Order(), streamed.Order());
    }

    private static (string Case, string Type, DateTime At) Key(RequestsApi.WatchCaseEventsResponse e) => (e.Case, e.Event.Type, e.Event.OccurTime.ToDateTime());

    private static async Task<List<string>> Submit(RequestingPartyClient requester, int children)
    {
        var names = new List<string>();
        for (var i = 0; i < children; i++)
            names.Add((await requester.SubmitRequestAsync(Submissions.OneChild(requestId: ""))).Cases.Single().Name);
        return names;
    }

    /// <summary>Reads the stream until <paramref name="done"/> holds (the fixture's timeout ends a wait that never would).</summary>
    private static async Task ReadUntil(IAsyncEnumerator<RequestsApi.WatchCaseEventsResponse> watch, List<RequestsApi.WatchCaseEventsResponse> received, Func<bool> done)
    {
        while (!done())
        {
            Assert.True(await watch.MoveNextAsync(), "the watch ended");
            received.Add(watch.Current);
        }
    }
}
