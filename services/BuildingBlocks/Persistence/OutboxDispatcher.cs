using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Mediation.BuildingBlocks.Monitoring;
using Mediation.BuildingBlocks.Flow;
using Mediation.BuildingBlocks.Telemetry;
using Mediation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Publishes a service's committed events, each case's in commit order, marking each sent only after the broker
/// confirmed it. A failure leaves the row unsent and is retried with a growing pause, across restarts:
/// an event is published at least once, and each consumer's inbox makes a repeat harmless.
/// <c>Outbox:Paused</c> = true keeps events in the outbox without publishing (e.g. during broker maintenance).
/// </summary>
public sealed class OutboxDispatcher<TDb>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TDb> signal,
    CaseFlowSteps flow,
    IEnumerable<ServiceDatabase> databases,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TDb>> logger) : BackgroundService where TDb : ServiceDbContext
{
    private const int BatchSize = 100;
    /// <summary>The service whose outbox this is, as the case-flow steps name it.</summary>
    private readonly string _service = databases.FirstOrDefault(d => d.Context == typeof(TDb))?.Name ?? typeof(TDb).Name;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    // Short: once the broker is back, the outbox must not sleep through it (a failed attempt costs little).
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    /// <summary>
    /// How long a round of publishes may wait for the broker's confirms. A publish caught by a broker that
    /// dies under it can wait for a confirm that never comes; past this it is abandoned and sent again
    /// (a copy the broker did take is recognised by the consumers' inboxes).
    /// </summary>
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration.GetValue("Outbox:Paused", false))
        {
            logger.LogWarning("Outbox of {Service} is paused (Outbox:Paused): events are kept, not published", typeof(TDb).Name);
            return;
        }
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDb>();
                await using var lease = await OutboxLease.TryAcquire(db, stoppingToken);
                if (lease is null)
                {
                    // Another instance publishes; stand by to take over.
                    await Task.Delay(Poll, clock, stoppingToken);
                    continue;
                }
                // Woken by the other instances' commits too, not only by this one's.
                using var hearing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var otherCommits = HearCommits(lease, hearing.Token);
                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var sent = await DispatchBatch(stoppingToken);
                        backoff = TimeSpan.Zero;
                        if (sent < BatchSize)
                            await signal.WaitAsync(Poll, stoppingToken);
                    }
                }
                finally
                {
                    await hearing.CancelAsync();
                    await otherCommits;
                }
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

    /// <summary>Wakes the dispatcher at each commit of outbox rows in any instance while it holds the lease; never throws.</summary>
    private async Task HearCommits(OutboxLease lease, CancellationToken ct)
    {
        try
        {
            await lease.HearCommits(signal.Pulse, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The poll still finds every event; only another instance's wait a little longer.
            logger.LogWarning("Outbox of {Service} no longer hears other instances' commits ({ExceptionType}: {Message}); their events wait for its poll",
                typeof(TDb).Name, e.GetType().Name, e.Message);
        }
    }

    private static readonly CompiledQuery<Func<ServiceDbContext, IAsyncEnumerable<OutboxMessage>>> Unsent = new(() =>
        EF.CompileAsyncQuery((ServiceDbContext db) =>
            db.Outbox.Where(m => m.SentAt == null).OrderBy(m => m.Sequence).Take(BatchSize)));

    private async Task<int> DispatchBatch(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var pending = new List<OutboxMessage>(BatchSize);
        await foreach (var row in Unsent.For(db)(db).WithCancellation(ct))
            pending.Add(row);
        if (pending.Count == 0)
            return 0;
        var events = pending.Select(row =>
        {
            var type = typeof(ICaseEvent).Assembly.GetType(row.Type)
                ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has unknown type {row.Type}.");
            return (Row: row, Type: type, Message: JsonSerializer.Deserialize(row.Body, type)!);
        }).ToList();

        // Each case's events leave in commit order, one after the other; different cases' events leave
        // side by side, so the broker's confirms are awaited once per round rather than once per event.
        Exception? failure = null;
        using var round = CancellationTokenSource.CreateLinkedTokenSource(ct);
        round.CancelAfter(ConfirmTimeout);
        try
        {
            await Task.WhenAll(events.GroupBy(e => (e.Message as ICaseEvent)?.CaseId ?? "").Select(async ofOneCase =>
            {
                foreach (var (row, type, message) in ofOneCase)
                {
                    row.Attempts++;
                    // The publish joins the trace of the call or message that made the change; the case id
                    // (never personal data) lets an operator find every trace of one case.
                    using var activity = row.TraceParent is null ? null
                        : MediationMetrics.Tracing.StartActivity("outbox publish " + type.Name, ActivityKind.Producer, row.TraceParent);
                    activity?.SetTag("mediation.case_id", (message as ICaseEvent)?.CaseId);
                    // With RabbitMQ this completes only once the broker confirmed the message.
                    await bus.Publish(message, type, context =>
                    {
                        context.MessageId = row.MessageId;
                        // The start of the event's critical time, which its consumers measure (ConsumeTimings).
                        context.Headers.Set(ConsumeTimings.CommittedAtHeader, new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
                    }, round.Token);
                    row.SentAt = clock.GetUtcNow().UtcDateTime;
                    if (message is ICaseEvent caseEvent)
                        flow.Published(_service, caseEvent.CaseId, row.MessageId, row.Type, row.CreatedAt, row.SentAt.Value, row.Attempts);
                }
            }));
        }
        catch (Exception e)
        {
            failure = e;
        }
        // One commit marks every confirmed event sent, also when another failed: only those not confirmed are sent again.
        await db.SaveChangesAsync(ct);
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return pending.Count;
    }
}
