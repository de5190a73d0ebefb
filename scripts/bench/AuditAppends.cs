using Mediation.BuildingBlocks.Audit;
using Mediation.Host;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mediation.Bench;

/// <summary>
/// The audit chain's single writer, measured at its cap: the requests service's own <see cref="AuditTrail{TDb}"/> on a
/// PostgreSQL database of the benchmark's own, built from the embedded host's settings and model and never started as
/// a host (nothing listens, nothing is consumed), only the writer running. Callers append one entry each, as every call
/// to a service does, with a given number waiting at once: the writer takes everything queued, links it to the chain's
/// head under its advisory lock and commits it in one transaction. Afterwards the whole chain is verified.
/// </summary>
public static class AuditAppends
{
    public sealed record Level(int InFlight, Load.Result Appends, long Commits);

    public sealed record Result(IReadOnlyList<Level> Levels, long Entries, bool ChainIntact, double VerifySeconds);

    public static async Task<Result> Run(string serverConnection, string database, IReadOnlyList<int> inFlight, TimeSpan warmup, TimeSpan duration)
    {
        await Databases.Recreate(serverConnection, database);
        var connection = new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString;
        await using var app = MediationHost.Build([
            "--urls", "http://127.0.0.1:1", "--Mediation:WebUrl", "http://127.0.0.1:2", "--Database:Provider", "Postgres",
            "--ConnectionStrings:requests", connection, "--ConnectionStrings:verification", connection,
            "--ConnectionStrings:handover", connection, "--ConnectionStrings:operations", connection,
        ]);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RequestsDb>().Database.MigrateAsync();
        var trail = app.Services.GetRequiredService<AuditTrail<RequestsDb>>();
        using var stopping = new CancellationTokenSource();
        await trail.StartAsync(stopping.Token);
        var levels = new List<Level>();
        Task Append(int worker, long n) => trail.Append([Entry(n)]);
        try
        {
            foreach (var waiting in inFlight)
            {
                await Load.Run(waiting, TimeSpan.Zero, warmup, Append);
                var before = await Head(connection);
                var result = await Load.Run(waiting, TimeSpan.Zero, duration, Append);
                levels.Add(new Level(waiting, result, await CommitsAfter(connection, before)));
            }
            // The mediator's check walks the whole chain a page at a time: how long that takes grows with the chain.
            var verifying = System.Diagnostics.Stopwatch.StartNew();
            var check = await trail.Verify(key => new AuditChainCheck(key), CancellationToken.None);
            return new Result(levels, check.Checked, check.Break is null, verifying.Elapsed.TotalSeconds);
        }
        finally
        {
            await trail.StopAsync(CancellationToken.None);
            NpgsqlConnection.ClearAllPools();
            await Databases.Drop(serverConnection, database);
        }
    }

    /// <summary>What a read leaves in the log: no personal data, a case id and the call's outcome.</summary>
    private static AuditEntry Entry(long n) => new()
    {
        At = DateTime.UtcNow, Service = "requests", PartyId = "requester-1", Officer = "bench",
        Call = "/mediation.requests.v1.RequestsService/GetCase", CaseId = $"bench-audit-{n}", Outcome = "OK",
    };

    private static async Task<long> Head(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(\"Sequence\"), 0) FROM audit_log", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The writer's transactions since <paramref name="after"/>: each stamps the rows it inserted with its id (xmin).</summary>
    private static async Task<long> CommitsAfter(string connection, long after)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT xmin::text) FROM audit_log WHERE \"Sequence\" > @after", db);
        command.Parameters.AddWithValue("after", after);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
