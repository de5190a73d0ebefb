using System.Text.Json;
using MassTransit;
using Mediation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Publishes a service's committed events in order, marking each sent only after the bus accepted it.
/// A failure leaves the row unsent and is retried with a growing pause; nothing is dropped.
/// </summary>
public sealed class OutboxDispatcher<TDb>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TDb> signal,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TDb>> logger) : BackgroundService where TDb : ServiceDbContext
{
    private const int BatchSize = 100;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DispatchBatch(stoppingToken);
                backoff = TimeSpan.Zero;
                if (sent < BatchSize)
                    await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                logger.LogWarning("Outbox of {Service} could not publish ({ExceptionType}: {Message}); retrying in {Backoff}",
                    typeof(TDb).Name, e.GetType().Name, e.Message, backoff);
                await Task.Delay(backoff, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<int> DispatchBatch(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var pending = await db.Outbox.Where(m => m.SentAt == null).OrderBy(m => m.Sequence).Take(BatchSize).ToListAsync(ct);
        foreach (var row in pending)
        {
            row.Attempts++;
            var type = typeof(ICaseEvent).Assembly.GetType(row.Type)
                ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has unknown type {row.Type}.");
            var message = JsonSerializer.Deserialize(row.Body, type)!;
            await bus.Publish(message, type, context => context.MessageId = row.MessageId, ct);
            row.SentAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        return pending.Count;
    }
}
