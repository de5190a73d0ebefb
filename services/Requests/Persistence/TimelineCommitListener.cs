using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mediation.Requests.Persistence;

/// <summary>
/// On PostgreSQL, one connection per process listens for <see cref="TimelineCommitNotice"/> and wakes the
/// streams it concerns through <see cref="TimelineCommits"/>: an idle stream costs no query, whichever
/// instance of the service committed. A notice is not stored: whatever commits while this connection is
/// away is caught by waking every stream once it listens again. A connection can also die without a word
/// (a half-open socket, a fail-over): after <c>Requests:WatchRecheckSeconds</c> (30 s) without a notice, the
/// connection is asked a trivial query that must answer within as long; if it does not, the connection is
/// taken for dead and listened again, which wakes every stream. So such a silence delays an event by at most
/// about twice that, and a quiet connection that still answers wakes nobody: 1,000 waiting streams would
/// otherwise each read the database every 30 s for nothing.
/// </summary>
public sealed class TimelineCommitListener(IServiceScopeFactory scopes, TimelineCommits commits, IConfiguration configuration, ILogger<TimelineCommitListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();
            // SQLite has one process per file: TimelineCommitSignal tells the streams in-process.
            if (!db.Database.IsNpgsql())
                return;
            // Its own connection, outside the pool: a listening connection is never handed to a query.
            connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false, KeepAlive = 15 }.ToString();
        }
        var recheck = TimeSpan.FromSeconds(configuration.GetValue("Requests:WatchRecheckSeconds", 30));
        var retry = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => commits.Committed(e.Payload.Split(',', StringSplitOptions.RemoveEmptyEntries));
                await connection.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {TimelineCommitNotice.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                retry = TimeSpan.FromSeconds(1);
                commits.Everything();
                while (!ct.IsCancellationRequested)
                    if (!await connection.WaitAsync(recheck, ct))
                        await Answers(connection, recheck, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("The live event streams stopped hearing of timeline commits ({ExceptionType}: {Message}); listening again in {Retry} s.",
                    e.GetType().Name, e.Message, retry.TotalSeconds);
                await Task.Delay(retry, ct);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    /// <summary>
    /// Throws unless the connection answers within <paramref name="within"/>: a connection that answers has lost no
    /// notice (PostgreSQL delivers them on the session that listens, in order, between answers).
    /// </summary>
    private static async Task Answers(NpgsqlConnection connection, TimeSpan within, CancellationToken ct)
    {
        await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = Math.Max(1, (int)within.TotalSeconds) };
        await ping.ExecuteScalarAsync(ct);
    }
}
