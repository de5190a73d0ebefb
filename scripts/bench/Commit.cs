using Npgsql;

namespace Mediation.Bench;

/// <summary>
/// The commit ceiling: single-row inserts, each its own transaction, committed durably
/// (synchronous_commit on, so every commit waits for its WAL flush; concurrent commits may share one),
/// from pooled connections as the services use them.
/// </summary>
public static class Commit
{
    public sealed record Result(Load.Result Inserts, string Fsync, string SynchronousCommit);

    public static async Task<Result> Run(string serverConnection, string database, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        await Databases.Recreate(serverConnection, database);
        var builder = new NpgsqlConnectionStringBuilder(serverConnection)
        {
            Database = database,
            MaxPoolSize = Math.Max(100, concurrency * 2),
            Options = "-c synchronous_commit=on",
        };
        await using var source = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var setup = source.CreateCommand("CREATE TABLE rows (id bigserial PRIMARY KEY, case_id text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"))
            await setup.ExecuteNonQueryAsync();
        string fsync, synchronousCommit;
        await using (var show = source.CreateCommand("SELECT current_setting('fsync'), current_setting('synchronous_commit')"))
        await using (var reader = await show.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (fsync, synchronousCommit) = (reader.GetString(0), reader.GetString(1));
        }

        // About the size of an event row in an outbox.
        var body = new string('x', 400);
        var inserts = await Load.Run(concurrency, warmup, duration, async (_, n) =>
        {
            await using var connection = await source.OpenConnectionAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO rows (case_id, body) VALUES ($1, $2)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = "case-" + n });
            insert.Parameters.Add(new NpgsqlParameter { Value = body });
            await insert.ExecuteNonQueryAsync();
        });
        return new Result(inserts, fsync, synchronousCommit);
    }
}
