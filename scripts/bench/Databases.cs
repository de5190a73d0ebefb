using Npgsql;

namespace Mediation.Bench;

/// <summary>The benchmark's own PostgreSQL databases (mediation_bench_*, or of its <see cref="BenchNamespace"/>): made afresh for each run, and counted.</summary>
public static class Databases
{
    public static string Prefix { get; } = $"mediation_{BenchNamespace.Name}_";

    public static async Task Recreate(string serverConnection, string database)
    {
        Own(database);
        await using var admin = await Admin(serverConnection);
        await Execute(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await Execute(admin, $"CREATE DATABASE \"{database}\"");
    }

    public static async Task Drop(string serverConnection, string database)
    {
        Own(database);
        await using var admin = await Admin(serverConnection);
        await Execute(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <summary>Transactions committed in <paramref name="database"/> so far (pg_stat_database, read fresh).</summary>
    public static async Task<long> Commits(string serverConnection, string database)
    {
        await using var admin = await Admin(serverConnection);
        await Execute(admin, "SELECT pg_stat_clear_snapshot()");
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = $1", admin);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>
    /// Transactions that wrote to a service's database so far, counted exactly: every one leaves rows
    /// stamped with its transaction id (xmin) in the tables every service keeps — an idempotency record
    /// (a mutating call), an inbox entry (a message applied), or outbox rows (the events a call caused,
    /// then the dispatcher's commit marking a batch sent). Read-only transactions leave none.
    /// </summary>
    public static async Task<long> WriteTransactions(string serverConnection, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnection) { Database = database, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(DISTINCT x) FROM (SELECT xmin::text AS x FROM idempotency UNION ALL SELECT xmin::text FROM inbox UNION ALL SELECT xmin::text FROM outbox) stamped",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Rows in a service's outbox (events published) or inbox (deliveries applied).</summary>
    public static async Task<long> Rows(string serverConnection, string database, string table)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnection) { Database = database, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Own(string database)
    {
        // Never touch a database this benchmark did not make: the machine's PostgreSQL is shared.
        if (!database.StartsWith(Prefix, StringComparison.Ordinal))
            throw new ArgumentException($"the benchmark only manages databases named {Prefix}*, not '{database}'");
    }

    private static async Task<NpgsqlConnection> Admin(string serverConnection)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
