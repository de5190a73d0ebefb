using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Which instance of a scaled-out service publishes its outbox: the one holding a PostgreSQL advisory
/// lock on its own connection. One publisher keeps each case's events in commit order and sends none
/// twice; if it dies, its session ends, the lock frees and another instance takes over. A SQLite file
/// belongs to one process, which always holds the lease.
/// </summary>
public sealed class OutboxLease : IAsyncDisposable
{
    private readonly DbConnection? _connection;

    private OutboxLease(DbConnection? connection) => _connection = connection;

    /// <summary>The lease, or null when another instance holds it.</summary>
    public static async Task<OutboxLease?> TryAcquire(ServiceDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return new OutboxLease(null);
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", AdvisoryLockKey.For("mediation-outbox:" + db.GetType().Name));
        if ((bool)(await command.ExecuteScalarAsync(ct))!)
            return new OutboxLease(connection);
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
