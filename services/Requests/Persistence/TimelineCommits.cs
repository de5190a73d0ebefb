using Mediation.BuildingBlocks.Parties;

namespace Mediation.Requests.Persistence;

/// <summary>
/// Wakes the live event streams of this process when timeline entries commit, so that a waiting stream
/// costs nothing until there is something it may see. Told by <see cref="TimelineCommitSignal"/> after a
/// commit on SQLite, by <see cref="TimelineCommitListener"/> on PostgreSQL (whichever process committed).
/// A commit names the parties whose cases it touched: only their streams, and the mediator's, wake.
/// </summary>
public sealed class TimelineCommits
{
    private readonly Lock _lock = new();
    private readonly HashSet<Watch> _watches = [];

    /// <summary>
    /// Starts listening for <paramref name="caller"/>'s stream. Subscribe first, then read: a commit after
    /// <see cref="Watch.Next"/> was taken completes it, so nothing committed between a read and the wait is missed.
    /// </summary>
    public Watch Subscribe(Caller caller)
    {
        var watch = new Watch(this, caller);
        lock (_lock)
            _watches.Add(watch);
        return watch;
    }

    /// <summary>Entries committed for cases of <paramref name="parties"/> (party ids); null when not known: every stream wakes.</summary>
    public void Committed(IReadOnlyCollection<string>? parties)
    {
        Watch[] woken;
        lock (_lock)
            woken = _watches.Where(w => parties is null || w.Concerns(parties)).ToArray();
        foreach (var watch in woken)
            watch.Wake();
    }

    /// <summary>Every stream reads again: after the listener was away, when what it missed is not known.</summary>
    public void Everything() => Committed(null);

    public int Watching
    {
        get
        {
            lock (_lock)
                return _watches.Count;
        }
    }

    public sealed class Watch : IDisposable
    {
        private readonly TimelineCommits _commits;
        private readonly Caller _caller;
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Watch(TimelineCommits commits, Caller caller) => (_commits, _caller) = (commits, caller);

        /// <summary>Completes at the first commit this stream may care about after this call. Take it before reading.</summary>
        public Task Next() => Volatile.Read(ref _next).Task;

        internal bool Concerns(IReadOnlyCollection<string> parties) =>
            _caller.Kind == PartyKind.Mediator || parties.Contains(_caller.Party.Id);

        internal void Wake() =>
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public void Dispose()
        {
            lock (_commits._lock)
                _commits._watches.Remove(this);
        }
    }
}
