using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Makes PostgreSQL commit a database's transactions one at a time (a transaction-scoped advisory lock
/// taken as each begins), so that rows numbered by an identity column become visible in number order.
/// A reader following such a sequence (the live event stream) can then never pass a row that commits
/// later with a smaller number. SQLite has one writer at a time already.
/// </summary>
public sealed class CommitOrder(long key) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    // A single-statement save would otherwise run without a transaction, and so without the lock.
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        eventData.Context!.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        eventData.Context!.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = Lock(connection, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken ct = default)
    {
        await using var command = Lock(connection, result);
        await command.ExecuteNonQueryAsync(ct);
        return result;
    }

    private DbCommand Lock(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({key})";
        return command;
    }
}
