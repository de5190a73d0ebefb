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

    /// <summary>
    /// Calls <paramref name="committed"/> for every commit that adds outbox rows, in any instance of the service
    /// (<see cref="OutboxCommitNotice"/>), heard on the lease's own connection, until <paramref name="ct"/> is cancelled
    /// or the connection fails. A SQLite file has one process, whose own commits wake it (<see cref="OutboxSignal{TDb}"/>).
    /// </summary>
    public async Task HearCommits(Action committed, CancellationToken ct)
    {
        if (_connection is not NpgsqlConnection connection)
            return;
        connection.Notification += (_, _) => committed();
        await using (var listen = new NpgsqlCommand($"LISTEN {OutboxCommitNotice.Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        while (!ct.IsCancellationRequested)
            await connection.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
