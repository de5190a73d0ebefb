using System.Runtime.CompilerServices;
using Mediation.Requests.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.Requests.Persistence;

/// <summary>
/// On SQLite (one process owns the file), tells <see cref="TimelineCommits"/> once a unit of work that wrote
/// timeline entries has committed, naming the parties of those entries' cases. SaveChanges commits its own
/// transaction, so after it returns the entries are visible to every reader. PostgreSQL is told by the
/// database instead (<see cref="TimelineCommitNotice"/>), so that every process hears every commit.
/// </summary>
public sealed class TimelineCommitSignal(TimelineCommits commits) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Tell(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Tell(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null || !context.Database.IsSqlite())
            return;
        var parties = new HashSet<string>();
        // Entries are always added through their case (Case.Record), so the case is tracked beside them.
        foreach (var c in context.ChangeTracker.Entries<Case>().Select(e => e.Entity))
        {
            if (!c.Timeline.Any(t => context.Entry(t).State == EntityState.Added))
                continue;
            parties.Add(c.RequestingPartyId);
            if (c.HoldingPartyId is not null)
                parties.Add(c.HoldingPartyId);
        }
        if (parties.Count > 0)
            _pending.AddOrUpdate(context, parties);
    }

    private void Tell(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var parties))
        {
            _pending.Remove(context);
            commits.Committed(parties);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }
}
