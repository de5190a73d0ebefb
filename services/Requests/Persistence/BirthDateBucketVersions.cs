using System.Data.Common;
using System.Text.Json;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Requests.Matching;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Persistence;

/// <summary>
/// The birth-date buckets' versions, as the match search reads them and as it checks them at commit
/// (<see cref="MatchSearch"/>). The check is one statement for every date a submission searched, where making EF
/// write each bucket back unchanged took a row each, up to eight per child.
/// </summary>
public static class BirthDateBucketVersions
{
    private static readonly CompiledQuery<Func<RequestsDb, List<string>, IAsyncEnumerable<BirthDateBucket>>> Stored = new(() =>
        EF.CompileAsyncQuery((RequestsDb db, List<string> indexes) =>
            db.BirthDateBuckets.AsNoTracking().Where(b => indexes.Contains(b.BirthDateIndex))));

    /// <summary>The version of each bucket; a date without one is missing.</summary>
    public static async Task<Dictionary<string, int>> Read(RequestsDb db, List<string> indexes, CancellationToken ct)
    {
        var versions = new Dictionary<string, int>(indexes.Count);
        await foreach (var bucket in Stored.For(db)(db, indexes).WithCancellation(ct))
            versions[bucket.BirthDateIndex] = bucket.Version;
        return versions;
    }

    /// <summary>
    /// On PostgreSQL, adds the missing buckets, committed at once, so that the check at commit finds a row to lock
    /// for every date: two submissions that each found the other's date empty would otherwise both pass. On
    /// SQLite the write gate already keeps the check and the commit together.
    /// </summary>
    public static async Task<bool> AddMissing(RequestsDb db, List<string> indexes, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || indexes.Count == 0)
            return false;
        var missing = indexes.ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO birth_date_buckets ("BirthDateIndex", "Version") SELECT unnest({missing}), 0 ON CONFLICT DO NOTHING""", ct);
        return true;
    }

    /// <summary>
    /// Throws <see cref="DbUpdateConcurrencyException"/> if any bucket moved since <paramref name="read"/>, or was added
    /// where <paramref name="read"/> found none. On PostgreSQL the rows are locked to the commit, every submission taking them in the
    /// same order: a submission that moves one of them waits for this one to commit, or this one waits for it and
    /// sees its version. (Shared locks deadlocked: two submissions of one date each held the row for share and
    /// then waited for the other to let go before writing it.) Submissions that read the same dates wait for each
    /// other's commit, but neither has to run again.
    /// </summary>
    public static async Task CheckUnmoved(DbTransaction transaction, bool postgres, IReadOnlyDictionary<string, int?> read, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var indexes = command.CreateParameter();
        indexes.ParameterName = "@indexes";
        if (postgres)
        {
            command.CommandText = """SELECT "BirthDateIndex", "Version" FROM birth_date_buckets WHERE "BirthDateIndex" = ANY(@indexes) ORDER BY "BirthDateIndex" FOR UPDATE""";
            indexes.Value = read.Keys.ToArray();
        }
        else
        {
            command.CommandText = """SELECT "BirthDateIndex", "Version" FROM birth_date_buckets WHERE "BirthDateIndex" IN (SELECT value FROM json_each(@indexes))""";
            indexes.Value = JsonSerializer.Serialize(read.Keys);
        }
        command.Parameters.Add(indexes);
        var now = new Dictionary<string, int>(read.Count);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                now[reader.GetString(0)] = reader.GetInt32(1);
        foreach (var (index, version) in read)
            if ((now.TryGetValue(index, out var current) ? current : null) != version)
                throw new DbUpdateConcurrencyException("A child born on a date this submission searched was added meanwhile; search again.");
    }
}
