using Grpc.Core;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Host.Demo;

/// <summary>
/// A party's system following its cases as the README tells partners to: one <c>WatchCaseEvents</c> stream for
/// all of them, resumed from the last cursor after a break, instead of asking about each case again and again.
/// A step that waits for something another service learns over the bus waits here for the event that says so.
/// </summary>
public sealed class CaseEventFeed : IAsyncDisposable
{
    private readonly PartyClient _party;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;
    private readonly Lock _gate = new();
    /// <summary>The event types seen so far, by case name.</summary>
    private readonly Dictionary<string, HashSet<string>> _seen = [];
    private readonly List<(string Case, string Type, TaskCompletionSource Seen)> _waiting = [];

    public CaseEventFeed(PartyClient party)
    {
        _party = party;
        _following = Task.Run(Follow);
    }

    /// <summary>Completes once an event of <paramref name="type"/> about <paramref name="caseName"/> has been on the stream (before this call, too).</summary>
    public Task WhenSeen(string caseName, string type, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_seen.TryGetValue(caseName, out var types) && types.Contains(type))
                return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiter = (caseName, type, seen);
            _waiting.Add(waiter);
            // A step that gives up leaves nothing behind.
            ct.Register(() =>
            {
                lock (_gate)
                    _waiting.Remove(waiter);
                seen.TrySetCanceled(ct);
            });
            return seen.Task;
        }
    }

    private async Task Follow()
    {
        var cursor = "";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var stream = _party.Requests.WatchCaseEvents(new() { Cursor = cursor }, _party.Headers, cancellationToken: _stop.Token);
                await foreach (var item in stream.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    cursor = item.Cursor;
                    Seen(item);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The service away or the stream cut: a partner's system resumes from its last cursor, a moment later.
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private void Seen(RequestsApi.WatchCaseEventsResponse item)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            if (!_seen.TryGetValue(item.Case, out var types))
                _seen[item.Case] = types = [];
            types.Add(item.Event.Type);
            _waiting.RemoveAll(w =>
            {
                if (w.Case != item.Case || w.Type != item.Event.Type)
                    return false;
                done.Add(w.Seen);
                return true;
            });
        }
        foreach (var seen in done)
            seen.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
        _stop.Dispose();
    }
}
