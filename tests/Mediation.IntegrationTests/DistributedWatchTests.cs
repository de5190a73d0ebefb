using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// The event stream on PostgreSQL under concurrent writers: rows numbered by an identity column could
/// become visible out of number order, and a reader following the numbers would skip one for good.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class DistributedWatchTests(DistributedServices services)
{
    [Fact]
    public async Task Events_written_concurrently_all_reach_a_watching_party_once()
    {
        var requester = services.Keys.Client(services.Addresses, "requester-2", "officer-w");
        var mediator = services.Keys.Client(services.Addresses, "mediator", "officer-m");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var received = new List<RequestsApi.WatchCaseEventsResponse>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = requester.Requests.WatchCaseEvents(new(), requester.Headers, cancellationToken: stop.Token);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var r in call.ResponseStream.ReadAllAsync(stop.Token))
                    lock (received)
                        received.Add(r);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
            {
            }
            catch (OperationCanceledException)
            {
            }
        });

        // Twenty cases submitted and accepted at once: many transactions committing side by side.
        var names = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var name = (await requester.Requests.SubmitRequestAsync(Requests.OneChild($"burst-{tag}-{i}"), requester.Headers)).Cases[0].Name;
            await mediator.Requests.AcceptCaseAsync(new() { RequestId = $"accept-{tag}-{i}", Name = name }, mediator.Headers);
            return name;
        }));

        var expected = names.Length * 2;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            lock (received)
                if (received.Count(r => names.Contains(r.Case)) >= expected)
                    break;
            Assert.True(DateTime.UtcNow < deadline, "not every event reached the stream");
            await Task.Delay(50);
        }
        await stop.CancelAsync();
        await reading;

        var mine = received.Where(r => names.Contains(r.Case)).ToList();
        Assert.Equal(expected, mine.Count);
        Assert.All(names, n => Assert.Equal(["CaseSubmitted", "CaseAccepted"], mine.Where(r => r.Case == n).Select(r => r.Event.Type)));
        Assert.Equal(received.Count, received.Select(r => r.Cursor).Distinct().Count());
    }
}
