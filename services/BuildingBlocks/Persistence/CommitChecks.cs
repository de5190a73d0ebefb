using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Runs a unit of work's checks at commit (<see cref="ServiceDbContext.CheckAtCommit"/>) as SaveChanges begins its
/// transaction: inside EF's own transaction, so the commit, and the signals that follow it, stay EF's.
/// </summary>
public sealed class CommitChecks : DbTransactionInterceptor
{
    public static readonly CommitChecks Instance = new();

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken ct = default)
    {
        if (eventData.Context is ServiceDbContext db)
            await db.RunChecksAtCommit(result, ct);
        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (eventData.Context is ServiceDbContext db)
            db.RunChecksAtCommit(result, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }
}
