using System.Diagnostics;
using Grpc.Core;
using Mediation.Host.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Finding 7 of issue 20: every WatchCaseEvents stream queried the database every 200 ms for ever, and the
/// rate limit counted only call starts — 2,000 streams took the host to 180 % of two cores. Now a party may
/// hold only so many streams at once (<c>Requests:MaxStreamsPerParty</c>), and a waiting stream is woken
/// by the commits it may see instead of asking the database.
/// </summary>
public sealed class EventStreamsAreBoundedAndIdleStreamsCostNothingTests(EventStreamsAreBoundedAndIdleStreamsCostNothingTests.Host host)
    : IClassFixture<EventStreamsAreBoundedAndIdleStreamsCostNothingTests.Host>
{
    public const int Cap = 4;

    public sealed class Host : EmbeddedHost
    {
        protected override string[] Settings() => ["--Requests:MaxStreamsPerParty", Cap.ToString()];
    }

    [Fact]
    public async Task The_observer_cannot_hold_more_streams_than_the_cap_and_a_closed_stream_frees_its_slot()
    {
        var observer = host.Party("observer");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var open = new List<AsyncServerStreamingCall<RequestsApi.WatchCaseEventsResponse>>();
        try
        {
            for (var i = 0; i < Cap; i++)
            {
                var call = observer.Requests.WatchCaseEvents(new(), observer.Headers, cancellationToken: timeout.Token);
                open.Add(call);
                // The service answers a stream's headers once it holds its slot and has caught up.
                await call.ResponseHeadersAsync;
            }

            using var extra = observer.Requests.WatchCaseEvents(new(), observer.Headers, cancellationToken: timeout.Token);
            var refused = await Assert.ThrowsAsync<RpcException>(() => extra.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
            Assert.Contains($"{Cap} event streams", refused.Status.Detail);

            // One stream ends: its slot is free again once the service has seen it go.
            open[0].Dispose();
            open.RemoveAt(0);
            while (true)
            {
                var again = observer.Requests.WatchCaseEvents(new(), observer.Headers, cancellationToken: timeout.Token);
                try
                {
                    await again.ResponseHeadersAsync;
                    var first = again.ResponseStream.MoveNext(timeout.Token);
                    // Refused streams end at once; an admitted one waits for events.
                    if (await Task.WhenAny(first, Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token)) != first)
                    {
                        open.Add(again);
                        break;
                    }
                    await first;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
                {
                    again.Dispose();
                }
            }
            Assert.Equal(Cap, open.Count);
        }
        finally
        {
            open.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Waiting_streams_run_no_query_while_another_party_s_events_are_delivered()
    {
        var idle = host.Party("requester-1");
        var requester = host.Party("requester-2");
        var mediator = host.Party("mediator");
        var probe = "idle-" + Guid.NewGuid().ToString("N")[..8];
        using var queries = new CommandsOfProbe(probe);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // requester-1 has no case here: its streams have nothing to send, before or during what follows.
        var headers = new Metadata { { "baggage", "mediation-probe=" + probe } };
        foreach (var h in idle.Headers)
            headers.Add(h);
        var idleStreams = Enumerable.Range(0, Cap - 1)
            .Select(_ => idle.Requests.WatchCaseEvents(new(), headers, cancellationToken: timeout.Token)).ToList();
        try
        {
            // Each has made its first read: from now on they only wait.
            await queries.AtLeast(idleStreams.Count, timeout.Token);
            var before = queries.Count;

            using var watching = requester.Requests.WatchCaseEvents(new(), requester.Headers, cancellationToken: timeout.Token);
            var tag = Guid.NewGuid().ToString("N")[..8];
            var name = (await requester.Requests.SubmitRequestAsync(Requests.OneChild("idle-" + tag), requester.Headers)).Cases[0].Name;
            await mediator.Requests.AcceptCaseAsync(new() { RequestId = "accept-" + tag, Name = name }, mediator.Headers);
            var seen = new List<string>();
            while (!seen.Contains("CaseAccepted") && await watching.ResponseStream.MoveNext(timeout.Token))
                if (watching.ResponseStream.Current.Case == name)
                    seen.Add(watching.ResponseStream.Current.Event.Type);

            Assert.Equal(["CaseSubmitted", "CaseAccepted"], seen);
            Assert.True(queries.Count == before, $"the waiting streams queried the database {queries.Count - before} times while another party's events were delivered");
        }
        finally
        {
            idleStreams.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// Counts the database commands run for calls that carried <c>baggage: mediation-probe=…</c>: EF reports
    /// each command to its diagnostic listener within the call's own activity, which carries that baggage.
    /// </summary>
    private sealed class CommandsOfProbe : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _probe;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _listeners = [];
        private int _count;
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CommandsOfProbe(string probe)
        {
            _probe = probe;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public async Task AtLeast(int count, CancellationToken ct)
        {
            while (true)
            {
                // Taken before the count is read: a command counted after the read completes it.
                var next = Volatile.Read(ref _next);
                if (Count >= count)
                    return;
                await next.Task.WaitAsync(ct);
            }
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_listeners)
                    _listeners.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key != RelationalEventId.CommandExecuting.Name || Activity.Current?.GetBaggageItem("mediation-probe") != _probe)
                return;
            Interlocked.Increment(ref _count);
            Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_listeners)
                _listeners.ForEach(l => l.Dispose());
        }
    }
}
