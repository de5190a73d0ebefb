using System.Threading.Channels;
using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>A service's audit log: appended to by its calls, read and verified by the mediator.</summary>
public interface IAuditTrail
{
    /// <summary><c>requests</c>, <c>verification</c>, <c>handover</c>.</summary>
    string Service { get; }

    /// <summary>Completes once <paramref name="entries"/> (fields only; no sequence or hash yet) have committed, in order.</summary>
    Task Append(IReadOnlyList<AuditEntry> entries);

    /// <summary>Entries after <paramref name="afterSequence"/> about a case and/or by a party, oldest first.</summary>
    Task<List<AuditEntry>> List(string? caseId, string? partyId, long afterSequence, int take, CancellationToken ct);

    /// <summary>Walks the whole log, a page at a time, and stops at the first break; <paramref name="check"/> may carry a recorded head.</summary>
    Task<AuditChainCheck> Verify(Func<AuditChainKey, AuditChainCheck> check, CancellationToken ct);
}

/// <summary>
/// The audit log in <typeparamref name="TDb"/>'s <c>audit_log</c> table, appended by one writer per process
/// with group commit: calls queue their entries and wait; the writer takes everything queued, links it to the
/// last entry and inserts it in one transaction, then lets the calls answer. On PostgreSQL the transaction
/// holds an advisory lock, so instances of a service sharing the database keep one chain; a SQLite file
/// belongs to one process, whose writer is the only one appending, through the file's write gate.
/// </summary>
public sealed class AuditTrail<TDb>(string service, AuditChainKey key, IServiceScopeFactory scopes, ILogger<AuditTrail<TDb>> logger)
    : BackgroundService, IAuditTrail where TDb : ServiceDbContext
{
    private const int MaxEntriesPerCommit = 2000;
    private const int VerifyPageSize = 1000;
    private static readonly long LockKey = AdvisoryLockKey.For("mediation-audit:" + typeof(TDb).Name);

    private sealed record Pending(IReadOnlyList<AuditEntry> Entries, TaskCompletionSource Committed);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public string Service { get; } = service;

    public Task Append(IReadOnlyList<AuditEntry> entries)
    {
        var pending = new Pending(entries, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            pending.Committed.SetException(new InvalidOperationException("The audit log is closed: the service is stopping."));
        return pending.Committed.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var batch = new List<Pending>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping))
            {
                var count = 0;
                while (count < MaxEntriesPerCommit && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                    count += pending.Entries.Count;
                }
                try
                {
                    await Commit(batch.SelectMany(p => p.Entries).ToList(), stopping);
                    foreach (var p in batch)
                        p.Committed.TrySetResult();
                }
                catch (Exception e)
                {
                    logger.LogError("The {Service} audit log could not append {Count} entries: {ExceptionType} {Message}",
                        Service, count, e.GetType().Name, e.Message);
                    foreach (var p in batch)
                        p.Committed.TrySetException(e);
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            var closed = new InvalidOperationException("The audit log is closed: the service is stopping.");
            foreach (var p in batch)
                p.Committed.TrySetException(closed);
            while (_queue.Reader.TryRead(out var left))
                left.Committed.TrySetException(closed);
        }
    }

    private async Task Commit(List<AuditEntry> entries, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        // A fresh copy per attempt: a failed commit must not leave half-linked entries behind.
        var rows = entries.Select(Copy).ToList();
        await using var transaction = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(ct) : null;
        if (transaction is not null)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        var previous = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        foreach (var row in rows)
        {
            AuditChain.Link(row, previous, key);
            previous = row;
        }
        db.AuditLog.AddRange(rows);
        // On SQLite this goes through the file's write gate; the read above needs none (this writer is the file's only appender).
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);
    }

    private static AuditEntry Copy(AuditEntry e) => new()
    {
        At = AuditChain.Truncated(e.At), Service = e.Service, PartyId = e.PartyId, Officer = e.Officer,
        Call = e.Call, CaseId = e.CaseId, Outcome = e.Outcome,
    };

    public async Task<List<AuditEntry>> List(string? caseId, string? partyId, long afterSequence, int take, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<TDb>().AuditLog.AsNoTracking().Where(e => e.Sequence > afterSequence);
        if (caseId is not null)
            query = query.Where(e => e.CaseId == caseId);
        if (partyId is not null)
            query = query.Where(e => e.PartyId == partyId);
        return await query.OrderBy(e => e.Sequence).Take(take).ToListAsync(ct);
    }

    public async Task<AuditChainCheck> Verify(Func<AuditChainKey, AuditChainCheck> start, CancellationToken ct)
    {
        var check = start(key);
        var after = 0L;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<TDb>().AuditLog.AsNoTracking()
                .Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(VerifyPageSize).ToListAsync(ct);
            foreach (var entry in page)
                if (!check.Accept(entry))
                    return check;
            if (page.Count < VerifyPageSize)
            {
                check.End();
                return check;
            }
            after = page[^1].Sequence;
        }
    }
}
