using HdrHistogram;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Mediation.Bench;
using Mediation.Client;
using Mediation.Host.Demo;
using RabbitMQ.Client;
using RequestsApi = Mediation.Api.Requests.V1;

// scripts/bench.sh drives this; each scenario prints one name=value line per figure.
const string Usage = """
    usage: Mediation.Bench SCENARIO [options]
      echo-server --urls URL                  the bare gRPC echo service (the RPC ceiling)
      session                                 the scenarios on standard input, one a line, arguments separated by tabs
      prepare --vhost V --databases A,B,C     a fresh RabbitMQ vhost (bench*) and no PostgreSQL databases A,B,C (mediation_bench_*)
      echo --target URL                       echo calls
      intake --target URL [--key KEY]         SubmitRequest, 1..11 children each; --rate R: open loop at R calls/s
      broker [--vhost V]                      persistent publish with confirms + consume, quorum queue (the bus ceiling)
      commit [--database D]                   single-row durable inserts on PostgreSQL (the commit ceiling)
      watch --target URL --host-pid PID [--idle N] [--idle-parties A,B] [--settle S] [--events N] [--party P] [--submit-to URL]
                                              PID's CPU over --seconds without, then with N idle streams of parties A,B;
                                              then call→event and answer→event latency of P's stream over N cases
                                              submitted by P (to --submit-to: another instance of the service)
      cost --target URL --pid PID [--settle S] CPU-µs the process PID spends per SubmitRequest call and child, read, mutating call
      cost-messages --requests-pid PID --requests-db CONN --verification-pid PID --verification-db CONN [--messages N]
                                              CPU-µs per outbox publish (requests) and per consumed message (verification)
      lifecycle --requests URL --verification URL --handover URL --databases A,B,C [--cases N] [--case-timeout S] [--poll]
                                              (--poll: the parties ask again and again instead of following WatchCaseEvents;
                                              URL,URL for each of the three: two lanes, the cases taking turns, each lane
                                              a requesting party of its own calling the instances at its addresses)
      seed --data DIR --cases N [--per-commit N] [--workers N] [--seed S]
                                              N open cases written into the embedded host's requests database under DIR
                                              (no host running on it), through the service's own model and match search
      growth --target URL --pid PID [--read-concurrency N]
                                              intake's rate and CPU per call, then GetCase and ListCases (first page, a page
                                              deep in the list) latency and CPU each, and the process's memory, at the data it holds
      outbox-drain --outbox-db CONN [--rows N] [--events-per-case K,...] [--vhost V]
                                              a backlog of N events committed into a running service's outbox, then
                                              drained by its one lease holder to RabbitMQ: events/s (the outbox's cap)
      audit-appends [--in-flight A,B,...]     the audit chain's single writer on a PostgreSQL database of its own:
                                              entries appended per second and per commit with A, B… callers waiting
      footprint --requests URL --verification URL --handover URL --databases A,B,C [--cases N]
                                              the lifecycle, sampling pg_stat_activity (connections per database) and
                                              every table's size before and after (bytes and rows per case)
    common: --name PREFIX (of the figures) --concurrency N --seconds S --warmup S
            --amqp HOST:PORT --management URL --pg CONNECTION (the server; no database) --parties FILE
    """;
if (args.Length == 0 || args[0] is "--help" or "-h")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}
if (args[0] == "session")
    return Session.Run();
if (args[0] == "echo-server")
{
    await EchoServer.Run(args[1..]);
    return 0;
}

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
double Number(string name, double fallback) => double.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var scenario = args[0];
var name = Option("--name", scenario);
var concurrency = (int)Number("--concurrency", 32);
var seconds = TimeSpan.FromSeconds(Number("--seconds", 10));
var warmup = TimeSpan.FromSeconds(Number("--warmup", 3));
var pg = Option("--pg", "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres");
var amqp = Option("--amqp", "127.0.0.1:5672").Split(':');
var management = new Uri(Option("--management", "http://127.0.0.1:15672/"));
var databases = Option("--databases", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
var run = Guid.NewGuid().ToString("N")[..8];
Costs.Settle = TimeSpan.FromSeconds(Number("--settle", 30));
var figures = new List<(string Name, string Value)>();
void Figure(string figure, object value) => figures.Add(($"{name}.{figure}", Convert.ToString(value, CultureInfo.InvariantCulture)!));
void Latency(long p50, long p90, long p99, long max)
{
    Figure("p50_us", p50);
    Figure("p90_us", p90);
    Figure("p99_us", p99);
    Figure("max_us", max);
}
void Calls(Load.Result r, string unit = "calls")
{
    Figure($"{unit}_per_s", Math.Round(r.CallsPerSecond, 1));
    Latency(r.P50, r.P90, r.P99, r.Max);
    Figure(unit, r.Calls);
    Figure("errors", r.Errors);
}

var ok = true;
switch (scenario)
{
    case "prepare":
        await new VirtualHosts(management, "guest", "guest").Recreate(Option("--vhost", BenchNamespace.Name));
        foreach (var database in databases)
            await Databases.Drop(pg, database);
        return 0;

    case "echo":
    {
        using var channel = MediationConnection.Channel(new Uri(Option("--target", "http://127.0.0.1:5080")));
        var echo = new EchoService.EchoServiceClient(channel);
        // The same bytes as an average intake call, so both move the same payload.
        var payload = ByteString.CopyFrom(IntakeRequests.For(run, 5).ToByteArray());
        var result = await Load.Run(concurrency, warmup, seconds, (_, _) => echo.EchoAsync(new EchoRequest { Payload = payload }).ResponseAsync);
        Calls(result);
        ok = result.Errors == 0;
        break;
    }

    case "intake":
    {
        using var channel = MediationConnection.Channel(new Uri(Option("--target", "http://127.0.0.1:5080")));
        var requests = new RequestsApi.RequestsService.RequestsServiceClient(channel);
        var headers = new Metadata { { "authorization", "Bearer " + Option("--key", "demo-requester-1-key") }, { "x-officer", "bench" } };
        var rate = Number("--rate", 0);
        var result = rate > 0
            ? await Load.RunAtRate(rate, warmup, seconds, n => requests.SubmitRequestAsync(IntakeRequests.For(run, n), headers).ResponseAsync)
            : await Load.Run(concurrency, warmup, seconds, (_, n) => requests.SubmitRequestAsync(IntakeRequests.For(run, n), headers).ResponseAsync);
        if (rate > 0)
            Figure("offered_per_s", Math.Round(rate, 1));
        Calls(result);
        ok = result.Errors == 0;
        break;
    }

    case "broker":
    {
        var factory = new ConnectionFactory
        {
            HostName = amqp[0],
            Port = int.Parse(amqp[1], CultureInfo.InvariantCulture),
            VirtualHost = Option("--vhost", $"{BenchNamespace.Name}-raw"),
            UserName = "guest",
            Password = "guest",
        };
        await new VirtualHosts(management, "guest", "guest").Recreate(factory.VirtualHost);
        var result = await Broker.Run(factory, concurrency, warmup, seconds, (int)Number("--payload", 1024));
        Figure("msgs_per_s", Math.Round(result.ConsumedPerSecond, 1));
        Figure("published_per_s", Math.Round(result.Publish.CallsPerSecond, 1));
        Latency(result.Publish.P50, result.Publish.P90, result.Publish.P99, result.Publish.Max);
        Figure("errors", result.Publish.Errors);
        ok = result.Publish.Errors == 0;
        break;
    }

    case "commit":
    {
        var database = Option("--database", Databases.Prefix + "commit");
        var result = await Commit.Run(pg, database, concurrency, warmup, seconds);
        Calls(result.Inserts, "inserts");
        Figure("fsync", result.Fsync);
        Figure("synchronous_commit", result.SynchronousCommit);
        await Databases.Drop(pg, database);
        ok = result.Inserts.Errors == 0;
        break;
    }

    case "watch":
    {
        var parties = DemoParties.Load(Option("--parties", Path.Combine(AppContext.BaseDirectory, "parties.demo.json")));
        var target = Option("--target", "http://127.0.0.1:5080");
        var idleKeys = Option("--idle-parties", "observer,holder-2").Split(',').Select(parties.KeyOf).ToList();
        var result = await Watchers.Run(target, Option("--submit-to", target), (int)Number("--host-pid", 0), idleKeys, parties.KeyOf(Option("--party", "requester-2")),
            (int)Number("--idle", 1000), seconds, (int)Number("--events", 200));
        Figure("idle_streams", result.Idle);
        Figure("idle_parties", result.IdleParties);
        Figure("cpu_ms_per_s_no_streams", Math.Round(1000 * result.CpuBefore / result.SecondsBefore, 1));
        Figure("cpu_ms_per_s_idle", Math.Round(1000 * result.CpuIdle / result.SecondsIdle, 1));
        Figure("span_s", Math.Round(result.SecondsIdle, 1));
        Figure("events", result.FromCall.TotalCount);
        Figure("call_to_event_p50_us", result.FromCall.GetValueAtPercentile(50));
        Figure("call_to_event_p99_us", result.FromCall.GetValueAtPercentile(99));
        Figure("answer_to_event_p50_us", result.FromAnswer.GetValueAtPercentile(50));
        Figure("answer_to_event_p99_us", result.FromAnswer.GetValueAtPercentile(99));
        Figure("events_before_answer", result.BeforeAnswer);
        Figure("call_p50_us", result.Call.GetValueAtPercentile(50));
        Figure("call_p99_us", result.Call.GetValueAtPercentile(99));
        break;
    }

    case "cost":
    {
        var parties = DemoParties.Load(Option("--parties", Path.Combine(AppContext.BaseDirectory, "parties.demo.json")));
        var costs = await Costs.OfCalls(Option("--target", "http://127.0.0.1:5080"), (int)Number("--pid", 0), parties.KeyOf("requester-1"), parties.KeyOf("mediator"),
            run, concurrency, warmup, seconds);
        foreach (var cost in costs)
        {
            Figure($"{cost.Kind}.operations", cost.Operations);
            Figure($"{cost.Kind}.cpu_us", Math.Round(cost.MicrosecondsEach));
        }
        // A call of eleven children less a call of one: ten children's worth.
        var one = costs.Single(c => c.Kind == "submit_1_child").MicrosecondsEach;
        var eleven = costs.Single(c => c.Kind == "submit_11_children").MicrosecondsEach;
        Figure("submit_child.cpu_us", Math.Round((eleven - one) / 10));
        Figure("submit_call.cpu_us", Math.Round(one - (eleven - one) / 10));
        break;
    }

    case "cost-messages":
    {
        var count = (int)Number("--messages", 2000);
        var published = await Costs.OfPublishes((int)Number("--requests-pid", 0), Option("--requests-db", ""), count);
        var factory = new ConnectionFactory
        {
            HostName = amqp[0], Port = int.Parse(amqp[1], CultureInfo.InvariantCulture), VirtualHost = Option("--vhost", BenchNamespace.Name),
            UserName = "guest", Password = "guest",
        };
        var consumed = await Costs.OfConsumedMessages((int)Number("--verification-pid", 0), Option("--verification-db", ""), factory, count, run);
        foreach (var cost in new[] { published, consumed })
        {
            Figure($"{cost.Kind}.operations", cost.Operations);
            Figure($"{cost.Kind}.cpu_us", Math.Round(cost.MicrosecondsEach));
        }
        break;
    }

    case "lifecycle":
    {
        // Several instances: each of --requests, --verification and --handover a comma-separated list, one address per lane.
        Uri[] Addresses(string option) => Option(option, "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => new Uri(a)).ToArray();
        var (requestsAt, verificationAt, handoverAt) = (Addresses("--requests"), Addresses("--verification"), Addresses("--handover"));
        if (requestsAt.Length != verificationAt.Length || requestsAt.Length != handoverAt.Length)
        {
            Console.Error.WriteLine("lifecycle: --requests, --verification and --handover need as many addresses each (one per lane)");
            return 2;
        }
        var lanes = requestsAt.Select((r, i) => new ServiceAddresses(r, verificationAt[i], handoverAt[i])).ToList();
        var parties = DemoParties.Load(Option("--parties", Path.Combine(AppContext.BaseDirectory, "parties.demo.json")));
        var cases = (int)Number("--cases", 2000);
        async Task<(long Transactions, long Writes, long Published, long Applied)> Count()
        {
            long transactions = 0, writes = 0, published = 0, applied = 0;
            foreach (var database in databases)
            {
                transactions += await Databases.Commits(pg, database);
                writes += await Databases.WriteTransactions(pg, database);
                published += await Databases.Rows(pg, database, "outbox");
                applied += await Databases.Rows(pg, database, "inbox");
            }
            return (transactions, writes, published, applied);
        }
        var before = await Count();
        await using var lifecycle = new Lifecycle(lanes, parties, TimeSpan.FromSeconds(Number("--case-timeout", 180)), poll: args.Contains("--poll"));
        var result = await lifecycle.Run(run, cases, concurrency);
        // Backends report their commit counts within about a second of going idle.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var after = await Count();
        var done = Math.Max(1, result.Cases);
        Figure("cases", result.Cases);
        Figure("failed", result.Failed);
        Figure("cases_per_s", Math.Round(result.Cases / result.Seconds, 2));
        Figure("first_submit_to_last_close_s", Math.Round(result.Seconds, 1));
        // No case closed: no latency to tell (a histogram without values has no percentiles).
        if (result.Latency.TotalCount == 0)
            Latency(0, 0, 0, 0);
        else
            Latency(result.Latency.GetValueAtPercentile(50), result.Latency.GetValueAtPercentile(90), result.Latency.GetValueAtPercentile(99), result.Latency.GetMaxValue());
        Figure("msgs_per_case", Math.Round((after.Published - before.Published) / (double)done, 2));
        Figure("deliveries_per_case", Math.Round((after.Applied - before.Applied) / (double)done, 2));
        Figure("commits_per_case", Math.Round((after.Writes - before.Writes) / (double)done, 2));
        Figure("transactions_per_case", Math.Round((after.Transactions - before.Transactions) / (double)done, 1));
        ok = result.Failed == 0;
        break;
    }

    case "seed":
    {
        var seeded = await SeededCases.Into(Option("--data", ""), (int)Number("--cases", 0), (int)Number("--per-commit", 2000),
            (int)Number("--workers", 2), (int)Number("--seed", 15), Console.Error);
        Figure("cases", seeded.Cases);
        Figure("seconds", Math.Round(seeded.Seconds, 1));
        Figure("cases_per_s", Math.Round(seeded.Cases / Math.Max(seeded.Seconds, 0.001)));
        Figure("open_cases", seeded.OpenCases);
        break;
    }

    case "growth":
    {
        var parties = DemoParties.Load(Option("--parties", Path.Combine(AppContext.BaseDirectory, "parties.demo.json")));
        var pid = (int)Number("--pid", 0);
        var result = await Growth.Run(Option("--target", "http://127.0.0.1:5080"), pid, parties.KeyOf("requester-1"), run, concurrency,
            (int)Number("--read-concurrency", 4), warmup, seconds);
        Figure("seconds", seconds.TotalSeconds);
        Figure("read_concurrency", (int)Number("--read-concurrency", 4));
        Figure("intake.calls_per_s", Math.Round(result.Intake.CallsPerSecond, 1));
        Figure("intake.p50_us", result.Intake.P50);
        Figure("intake.p99_us", result.Intake.P99);
        Figure("intake.calls", result.Intake.Calls);
        Figure("intake.errors", result.Intake.Errors);
        Figure("intake.cpu_ms_per_call", Math.Round(result.IntakeCost.MicrosecondsEach / 1000, 2));
        Figure("visible_cases", result.VisibleCases);
        foreach (var (kind, reads) in new[] { ("get_case", result.GetCase), ("list_first", result.ListFirst), ("list_deep", result.ListDeep) })
        {
            Figure($"{kind}.calls", reads.Load.Calls);
            Figure($"{kind}.p50_us", reads.Load.P50);
            Figure($"{kind}.p99_us", reads.Load.P99);
            Figure($"{kind}.cpu_us", Math.Round(reads.Cost.MicrosecondsEach));
        }
        Figure("rss_mb", result.ResidentMb);
        Figure("rss_peak_mb", result.PeakResidentMb);
        ok = result.Intake.Errors == 0;
        break;
    }

    // The single-writer caps and what a case costs in storage and connections (#18): scripts/bench.sh --only caps.
    case "outbox-drain":
    {
        var factory = new ConnectionFactory
        {
            HostName = amqp[0], Port = int.Parse(amqp[1], CultureInfo.InvariantCulture), VirtualHost = Option("--vhost", BenchNamespace.Name),
            UserName = "guest", Password = "guest",
        };
        foreach (var perCase in Option("--events-per-case", "1").Split(',').Select(int.Parse))
        {
            var drain = await OutboxDrain.Run(Option("--outbox-db", ""), factory, (int)Number("--rows", 10000), perCase, run, TimeSpan.FromSeconds(Number("--deadline", 300)));
            var at = $"per_case_{perCase}";
            Figure($"{at}.rows", drain.Rows);
            Figure($"{at}.drained_s", Math.Round(drain.DrainedSeconds, 2));
            Figure($"{at}.publish_span_s", Math.Round(drain.PublishSpanSeconds, 2));
            Figure($"{at}.events_per_s", Math.Round((drain.Rows - 1) / Math.Max(drain.PublishSpanSeconds, 0.001)));
            Figure($"{at}.stored_by_broker", drain.Stored);
            ok &= drain.Stored >= drain.Rows;
        }
        break;
    }

    case "audit-appends":
    {
        var levels = Option("--in-flight", "1,32,256").Split(',').Select(int.Parse).ToList();
        var appends = await AuditAppends.Run(pg, Option("--database", Databases.Prefix + "audit"), levels, warmup, seconds);
        foreach (var level in appends.Levels)
        {
            var at = $"in_flight_{level.InFlight}";
            Figure($"{at}.appends_per_s", Math.Round(level.Appends.CallsPerSecond));
            Figure($"{at}.p50_us", level.Appends.P50);
            Figure($"{at}.p99_us", level.Appends.P99);
            Figure($"{at}.commits_per_s", Math.Round(level.Commits / seconds.TotalSeconds));
            Figure($"{at}.entries_per_commit", Math.Round(level.Appends.Calls / (double)Math.Max(1, level.Commits), 1));
            Figure($"{at}.errors", level.Appends.Errors);
            ok &= level.Appends.Errors == 0;
        }
        Figure("entries_checked", appends.Entries);
        Figure("chain_intact", appends.ChainIntact ? 1 : 0);
        Figure("verify_s", Math.Round(appends.VerifySeconds, 2));
        Figure("verify_entries_per_s", Math.Round(appends.Entries / Math.Max(appends.VerifySeconds, 0.001)));
        ok &= appends.ChainIntact;
        break;
    }

    case "footprint":
    {
        var at = new ServiceAddresses(new Uri(Option("--requests", "")), new Uri(Option("--verification", "")), new Uri(Option("--handover", "")));
        var parties = DemoParties.Load(Option("--parties", Path.Combine(AppContext.BaseDirectory, "parties.demo.json")));
        var cases = (int)Number("--cases", 200);
        await using var lifecycle = new Lifecycle(at, parties, TimeSpan.FromSeconds(Number("--case-timeout", 180)));
        var footprint = await Footprint.Run(pg, databases, () => lifecycle.Run(run, cases, concurrency));
        var closed = Math.Max(1, footprint.Lifecycle.Cases);
        Figure("cases", footprint.Lifecycle.Cases);
        Figure("failed", footprint.Lifecycle.Failed);
        Figure("cases_per_s", Math.Round(footprint.Lifecycle.Cases / footprint.Lifecycle.Seconds, 2));
        foreach (var database in footprint.Databases)
        {
            // mediation_bench_requests → requests
            var service = database.Database[(database.Database.LastIndexOf('_') + 1)..];
            Figure($"{service}.bytes_per_case", Math.Round((database.BytesAfter - database.BytesBefore) / (double)closed));
            Figure($"{service}.bytes_empty", database.BytesBefore);
            foreach (var table in database.Tables.Where(t => t.BytesAfter > t.BytesBefore || t.RowsAfter > t.RowsBefore))
            {
                Figure($"{service}.table.{table.Name}.bytes_per_case", Math.Round((table.BytesAfter - table.BytesBefore) / (double)closed));
                Figure($"{service}.table.{table.Name}.rows_per_case", Math.Round((table.RowsAfter - table.RowsBefore) / (double)closed, 2));
            }
            Figure($"{service}.connections_peak", database.Connections.Peak);
            Figure($"{service}.connections_active_peak", database.Connections.PeakActive);
            Figure($"{service}.connections_in_transaction_peak", database.Connections.PeakInTransaction);
            Figure($"{service}.backends_seen", database.Connections.BackendsSeen);
        }
        ok = footprint.Lifecycle.Failed == 0;
        break;
    }

    default:
        Console.Error.WriteLine($"unknown scenario '{scenario}'\n{Usage}");
        return 2;
}

foreach (var (figure, value) in figures)
    Console.WriteLine($"{figure}={value}");
return ok ? 0 : 1;
