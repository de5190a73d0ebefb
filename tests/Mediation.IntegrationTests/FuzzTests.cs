using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Data.Sqlite;

namespace Mediation.IntegrationTests;

/// <summary>
/// Random and extreme requests to every method, as every kind of party: empty and huge strings, control
/// and direction characters, out-of-range numbers and enum values, huge lists, nested messages, and
/// bytes that are no message at all. Each answer must be a clear refusal — never UNKNOWN or INTERNAL
/// for a message that parses — nothing may be stored, and the server stays up.
/// </summary>
public class FuzzTests(FuzzTests.FuzzHost host) : IClassFixture<FuzzTests.FuzzHost>
{
    public sealed class FuzzHost : EmbeddedHost
    {
        // The fuzz sends hundreds of calls a second; the rate limit has its own test.
        protected override string[] Settings() => ["--RateLimits:PerPartyPerSecond", "100000"];
    }

    private static readonly (string Party, string Key)[] Parties =
        [("requester-1", "demo-requester-1-key"), ("holder-1", "demo-holder-1-key"), ("mediator", "demo-mediator-key"), ("observer", "demo-observer-key")];

    private static readonly StatusCode[] Clear =
    [
        StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.PermissionDenied, StatusCode.FailedPrecondition,
        StatusCode.ResourceExhausted, StatusCode.AlreadyExists, StatusCode.OutOfRange,
    ];

    private static readonly string[] Strings =
    [
        "", " ", new('x', 100_000), "\u0000\u0001\u0007\u001b[31mred", "\u202Eevil\u202C", "cases/../../etc/passwd", "cases/", "cases/%00",
        "batches/" + new string('9', 300), string.Concat(Enumerable.Repeat("🙂", 2000)), "parties/mediator", "claimant", "\uD800", "DROP TABLE cases;--",
    ];

    /// <summary>Fixed seeds, so a failure reproduces; FUZZ_SEEDS (e.g. "7,8,9") hunts with others.</summary>
    public static TheoryData<int> Seeds() =>
        [.. (Environment.GetEnvironmentVariable("FUZZ_SEEDS") ?? "1,2").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_method_refuses_random_and_extreme_requests_clearly_and_stores_nothing(int seed)
    {
        await host.ReferenceCase; // so names and ids exist that fuzzed requests might hit
        var random = new Random(seed);
        var registry = TypeRegistry.FromFiles(typeof(Mediation.Api.Requests.V1.Case).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!).ToArray());
        var before = await Quiet();
        var unclear = new List<string>();
        var calls = 0;

        foreach (var rpc in await Rpcs.Served(host.Channel()))
        {
            var input = registry.Find(rpc.InputType.TrimStart('.'))!;
            for (var i = 0; i < 12; i++)
            {
                var payload = i < 10 ? Payload(input, random) : Garbage(random, i);
                var (party, key) = Parties[random.Next(Parties.Length)];
                var status = await Rpcs.Call(host.Channel(), rpc, new Metadata { { "authorization", "Bearer " + key }, { "x-officer", "fuzz" } }, payload);
                calls++;
                // Bytes that are no message (i >= 10) are refused too: INVALID_ARGUMENT, or a refusal of the party before they are read.
                // A unary call that runs out its deadline hung on the input; only a watch stream that was accepted
                // and is waiting for events may still be open when the client's deadline ends it.
                var acceptable = Clear.Contains(status) || (status == StatusCode.OK && !rpc.Mutates && i < 10)
                    || (status == StatusCode.DeadlineExceeded && rpc.ServerStreaming && i < 10);
                if (!acceptable)
                    unclear.Add($"{rpc} as {party} (case {i}): {status}");
            }
        }

        Assert.True(unclear.Count == 0, $"seed {seed}, {calls} calls; unclear answers:\n{string.Join("\n", unclear.Distinct())}");
        Assert.Equal(before, StoredRows());
        var health = await new Health.HealthClient(host.Channel()).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    /// <summary>An extreme message of a size a client could send (up to a few MB: past 1 MB it is refused).</summary>
    private static byte[] Payload(MessageDescriptor type, Random random)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var message = Fill(type, random, depth: 0);
            try
            {
                if (message.CalculateSize() < 3 * 1024 * 1024)
                    return message.ToByteArray();
            }
            catch (OverflowException)
            {
            }
        }
        return [];
    }

    /// <summary>A message of <paramref name="type"/> with every field set to something extreme.</summary>
    private static IMessage Fill(MessageDescriptor type, Random random, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (random.Next(4) == 0)
                continue;
            if (field.IsRepeated && !field.IsMap)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                var count = random.Next(3) switch { 0 => 0, 1 => 3, _ => depth == 0 ? 3000 : 20 };
                for (var n = 0; n < count && depth < 3; n++)
                    if (Value(field, random, depth) is { } item)
                        list.Add(item);
            }
            else if (!field.IsMap && Value(field, random, depth) is { } value)
            {
                field.Accessor.SetValue(message, value);
            }
        }
        return message;
    }

    private static object? Value(FieldDescriptor field, Random random, int depth) => field.FieldType switch
    {
        FieldType.String => Strings[random.Next(Strings.Length)],
        FieldType.Bytes => ByteString.CopyFrom(new byte[random.Next(2) == 0 ? 0 : 10_000]),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => new[] { int.MinValue, -1, 0, 1, int.MaxValue }[random.Next(5)],
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => new[] { long.MinValue, -1L, 0L, long.MaxValue }[random.Next(4)],
        FieldType.UInt32 or FieldType.Fixed32 => new[] { 0u, 1u, uint.MaxValue }[random.Next(3)],
        FieldType.UInt64 or FieldType.Fixed64 => new[] { 0ul, ulong.MaxValue }[random.Next(2)],
        FieldType.Double => new[] { double.NaN, double.PositiveInfinity, -1e308, 0 }[random.Next(4)],
        FieldType.Float => new[] { float.NaN, float.NegativeInfinity, 0f }[random.Next(3)],
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, new[] { -1, 0, 1, 999, int.MaxValue }[random.Next(5)]),
        FieldType.Message when depth < 4 => Fill(field.MessageType, random, depth + 1),
        _ => null,
    };

    /// <summary>Bytes that do not parse: a wrong wire type and a truncated field, or nesting far past any limit.</summary>
    private static byte[] Garbage(Random random, int i)
    {
        if (i == 10)
        {
            var bytes = new byte[64];
            random.NextBytes(bytes);
            bytes[0] = 0x0F; // field 1, wire type 7: no such wire type
            return bytes;
        }
        var nested = new List<byte>();
        for (var level = 0; level < 500; level++)
            nested.InsertRange(0, [0x0A, (byte)Math.Min(nested.Count, 127)]);
        return nested.ToArray();
    }

    /// <summary>The row count once the reference case's last events have been applied everywhere.</summary>
    private async Task<long> Quiet()
    {
        var last = StoredRows();
        for (var same = 0; same < 3;)
        {
            await Task.Delay(300);
            var now = StoredRows();
            same = now == last ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    /// <summary>
    /// Rows in every table of every service's database: the migrations' history aside, and what records every call by
    /// design — the audit log, and operations' monitoring (a case's flow, the graphs' points and the inbox rows of the reports
    /// behind them, instances, alert states).
    /// </summary>
    private long StoredRows()
    {
        long total = 0;
        foreach (var file in Directory.GetFiles(host.DataDirectory, "*.db"))
        {
            using var db = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            db.Open();
            var tables = new List<string>();
            using (var list = db.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', 'audit_log', " +
                    "'flow_steps', 'metric_points', 'instances', 'alert_states', 'alert_events')";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                    tables.Add(reader.GetString(0));
            }
            foreach (var table in tables)
            {
                using var count = db.CreateCommand();
                // The graphs' activity reports are applied once each through the inbox, like any message.
                count.CommandText = table == "inbox" ? "SELECT COUNT(*) FROM inbox WHERE \"Consumer\" <> 'operations-activity'" : $"SELECT COUNT(*) FROM \"{table}\"";
                total += (long)count.ExecuteScalar()!;
            }
        }
        return total;
    }
}
