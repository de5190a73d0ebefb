using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// One writer at a time per SQLite file in this process, queued without blocking a thread. SQLite has one
/// writer at a time anyway; left to itself, a second writer gets SQLITE_BUSY and Microsoft.Data.Sqlite
/// retries it after a blocking 150 ms sleep, so under load most calls slept on thread-pool threads while
/// the file sat idle (intake: ~50 calls/s, p99 ~2 s, half the threads in that sleep).
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the file that <paramref name="connectionString"/> opens.</summary>
    public static SemaphoreSlim For(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = file is "" or ":memory:" ? connectionString : Path.GetFullPath(file);
        return Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
    }
}
