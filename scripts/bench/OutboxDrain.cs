using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;

namespace Mediation.Bench;

/// <summary>
/// The outbox's single publisher, measured at its cap: a backlog of events committed into a running service's
/// outbox in one transaction (as an outage of the broker leaves it), then drained by the one instance holding the
/// outbox lease, the very code the services run (OutboxDispatcher: batches of 100, each case's events one after the
/// other, different cases side by side, each publish confirmed by the broker, the batch marked sent in one commit).
/// The events are CaseSubmitted, which no service of the distributed benchmark consumes, so only the publisher works;
/// a quorum queue bound to their exchange for the run makes the broker store each one, as it does a real event's
/// copies in the consumers' queues (an unroutable message is confirmed without being stored).
/// </summary>
public static class OutboxDrain
{
    private const string Exchange = "Mediation.Contracts:CaseSubmitted";
    private const string Sink = "bench-outbox-sink";

    /// <param name="eventsPerCase">1: every event of another case (the most the publisher can do side by side);
    /// more: that many consecutive events per case, which leave one after the other.</param>
    public sealed record Result(int Rows, int EventsPerCase, double DrainedSeconds, double PublishSpanSeconds, long Stored);

    public static async Task<Result> Run(string database, ConnectionFactory broker, int rows, int eventsPerCase, string run, TimeSpan deadline)
    {
        await using var connection = await broker.CreateConnectionAsync("mediation-bench-outbox-drain");
        await using var channel = await connection.CreateChannelAsync();
        // The exchange as MassTransit declares it (fanout, durable), should the service not have published one yet.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(Sink, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await channel.QueuePurgeAsync(Sink);
        await channel.QueueBindAsync(Sink, Exchange, "");
        try
        {
            await using var db = new NpgsqlConnection(database);
            await db.OpenAsync();
            var marker = $"caps-{run}-{eventsPerCase}-";
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO outbox (\"MessageId\", \"Type\", \"Body\", \"CreatedAt\", \"Attempts\") " +
                "SELECT gen_random_uuid(), 'Mediation.Contracts.CaseSubmitted', json_build_object('CaseId', @marker || (i / @per), 'RequestId', 'bench', " +
                "'RequestingPartyId', 'requester-1', 'OccurredAt', now(), 'PartyId', 'requester-1', 'Officer', 'bench', 'Sequence', 1 + i % @per)::text, now(), 0 " +
                "FROM generate_series(0, @rows - 1) AS i", db))
            {
                insert.Parameters.AddWithValue("marker", marker);
                insert.Parameters.AddWithValue("per", eventsPerCase);
                insert.Parameters.AddWithValue("rows", rows);
                await insert.ExecuteNonQueryAsync();
            }
            var committed = Stopwatch.StartNew();
            var ours = $"\"Body\" LIKE '%{marker}%'";
            while (await Scalar<long>(db, $"SELECT count(*) FROM outbox WHERE \"SentAt\" IS NULL AND {ours}") > 0)
            {
                if (committed.Elapsed > deadline)
                    throw new TimeoutException($"the outbox still held unsent events after {deadline.TotalSeconds} s");
                await Task.Delay(50);
            }
            var drained = committed.Elapsed.TotalSeconds;
            // The dispatcher stamps each row when the broker confirmed it: from the first confirm to the last is the
            // publishing alone, without the up to one second the dispatcher may take to notice a commit of another process.
            var span = await Scalar<double>(db, $"SELECT EXTRACT(EPOCH FROM max(\"SentAt\") - min(\"SentAt\"))::float8 FROM outbox WHERE {ours}");
            var stored = (long)(await channel.QueueDeclarePassiveAsync(Sink)).MessageCount;
            return new Result(rows, eventsPerCase, drained, span, stored);
        }
        finally
        {
            await channel.QueueDeleteAsync(Sink);
        }
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
