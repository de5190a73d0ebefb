using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Wakes a service's outbox dispatcher as soon as a unit of work commits, so events leave at once
/// instead of at the next poll. The poll stays as the safety net (e.g. after a restart).
/// </summary>
public sealed class OutboxSignal<TDb> : SaveChangesInterceptor where TDb : ServiceDbContext
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        _pulses.Writer.TryWrite(true);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        _pulses.Writer.TryWrite(true);
        return result;
    }

    /// <summary>Wakes the dispatcher for a commit it did not see: another instance's (<see cref="OutboxCommitNotice"/>).</summary>
    public void Pulse() => _pulses.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan poll, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(poll);
        try
        {
            await _pulses.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
