using Mediation.Client;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Host.Demo;

/// <summary>
/// A party's system following its cases as the README tells partners to: one <c>WatchCaseEvents</c> stream for
/// all of them (the client library resumes it after a break), instead of asking about each case again and again.
/// A step that waits for something another service learns over the bus waits here for the event that says so.
/// </summary>
public sealed class CaseEventFeed : IAsyncDisposable
{
    private readonly CasePartyClient _party;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;
    private readonly Lock _gate = new();
    /// <summary>The event types seen so far, by case name.</summary>
    private readonly Dictionary<string, HashSet<string>> _seen = [];
    private readonly List<(string Case, string Type, TaskCompletionSource Seen)> _waiting = [];

    public CaseEventFeed(CasePartyClient party)
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
        try
        {
            // The library resumes the stream from its last cursor after a break, with no gap and no repeat.
            await foreach (var item in _party.WatchCaseEvents(ct: _stop.Token))
                Seen(item);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
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
