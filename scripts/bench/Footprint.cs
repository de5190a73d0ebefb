using Npgsql;

namespace Mediation.Bench;

/// <summary>
/// What a case leaves behind and what an instance holds open: the whole lifecycle driven through freshly made service
/// databases (one instance of each service), with PostgreSQL's own view of the connections sampled every 100 ms
/// meanwhile (pg_stat_activity: how many each database has open, how many are running a statement or inside a
/// transaction, how many distinct backends were seen), and every table's size on disk (pg_total_relation_size:
/// rows, indexes and TOAST) before and after, with its rows, so that the bytes and rows per case come per table.
/// Bytes are what PostgreSQL holds in whole 8-KiB pages, so a few hundred cases give them to within a few per cent.
/// </summary>
public static class Footprint
{
    public sealed record Table(string Name, long BytesBefore, long BytesAfter, long RowsBefore, long RowsAfter);

    public sealed record Connections(int Peak, int PeakActive, int PeakInTransaction, int BackendsSeen);

    public sealed record OfDatabase(string Database, IReadOnlyList<Table> Tables, Connections Connections)
    {
        public long BytesBefore => Tables.Sum(t => t.BytesBefore);
        public long BytesAfter => Tables.Sum(t => t.BytesAfter);
    }

    public sealed record Result(Lifecycle.Result Lifecycle, IReadOnlyList<OfDatabase> Databases);

    public static async Task<Result> Run(string serverConnection, IReadOnlyList<string> databases, Func<Task<Lifecycle.Result>> lifecycle)
    {
        var before = new Dictionary<string, List<(string, long, long)>>();
        foreach (var database in databases)
            before[database] = await Tables(serverConnection, database);
        using var done = new CancellationTokenSource();
        var sampling = Sample(serverConnection, databases, done.Token);
        Lifecycle.Result result;
        try
        {
            result = await lifecycle();
        }
        finally
        {
            done.Cancel();
        }
        var connections = await sampling;
        var outcome = new List<OfDatabase>();
        foreach (var database in databases)
        {
            var after = await Tables(serverConnection, database);
            var tables = after.Select(a =>
            {
                var b = before[database].FirstOrDefault(t => t.Item1 == a.Item1);
                return new Table(a.Item1, b.Item2, a.Item2, b.Item3, a.Item3);
            }).OrderByDescending(t => t.BytesAfter - t.BytesBefore).ToList();
            outcome.Add(new OfDatabase(database, tables, connections[database]));
        }
        return new Result(result, outcome);
    }

    private static async Task<List<(string Name, long Bytes, long Rows)>> Tables(string serverConnection, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnection) { Database = database, Pooling = false };
        await using var db = new NpgsqlConnection(builder.ConnectionString);
        await db.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname <> '__EFMigrationsHistory' ORDER BY relname", db))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
        var tables = new List<(string, long, long)>();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"SELECT pg_total_relation_size('public.\"{name}\"'), (SELECT count(*) FROM public.\"{name}\")", db);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            tables.Add((name, reader.GetInt64(0), reader.GetInt64(1)));
        }
        return tables;
    }

    private static async Task<Dictionary<string, Connections>> Sample(string serverConnection, IReadOnlyList<string> databases, CancellationToken done)
    {
        var peak = databases.ToDictionary(d => d, _ => (Open: 0, Active: 0, InTransaction: 0));
        var seen = databases.ToDictionary(d => d, _ => new HashSet<int>());
        var builder = new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres", Pooling = false };
        await using var db = new NpgsqlConnection(builder.ConnectionString);
        await db.OpenAsync();
        while (!done.IsCancellationRequested)
        {
            // A statement of its own each time: pg_stat_activity is a snapshot taken once per transaction.
            await using var command = new NpgsqlCommand("SELECT datname, pid, state FROM pg_stat_activity WHERE datname = ANY(@databases)", db);
            command.Parameters.AddWithValue("databases", databases.ToArray());
            var now = databases.ToDictionary(d => d, _ => (Open: 0, Active: 0, InTransaction: 0));
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    var database = reader.GetString(0);
                    var state = reader.IsDBNull(2) ? "" : reader.GetString(2);
                    seen[database].Add(reader.GetInt32(1));
                    var n = now[database];
                    now[database] = (n.Open + 1, n.Active + (state == "active" ? 1 : 0), n.InTransaction + (state.StartsWith("idle in transaction", StringComparison.Ordinal) ? 1 : 0));
                }
            foreach (var (database, n) in now)
            {
                var p = peak[database];
                peak[database] = (Math.Max(p.Open, n.Open), Math.Max(p.Active, n.Active), Math.Max(p.InTransaction, n.InTransaction));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
        return databases.ToDictionary(d => d, d => new Connections(peak[d].Open, peak[d].Active, peak[d].InTransaction, seen[d].Count));
    }
}
