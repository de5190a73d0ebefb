using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Mediation.Client;
using Mediation.Host.Demo;
using Npgsql;

namespace Mediation.IntegrationTests;

/// <summary>
/// Requests, verification, handover and operations as separate processes on a real RabbitMQ broker and a real
/// PostgreSQL server (started by scripts/rabbitmq.sh and scripts/postgres.sh), each service with its
/// own database, all in a virtual host and databases of their own that are removed afterwards.
/// The same service code the embedded host runs, in the distributed mode.
/// </summary>
public class DistributedServices : IAsyncLifetime
{
    // The same settings scripts/rabbitmq.sh and scripts/postgres.sh read, so that a run (the fault suite's, say)
    // can have a broker and a database server of its own beside the ones other runs share.
    public static readonly string BrokerPort = Setting("RABBITMQ_PORT", "5672");
    public static readonly string PostgresPort = Setting("POSTGRES_PORT", "5432");
    public static readonly string BrokerDirectory = Setting("RABBITMQ_DIR", Path.Combine(Repository.Root, ".artifacts", "rabbitmq"));
    private static readonly Uri Management = new($"http://127.0.0.1:{Setting("RABBITMQ_MANAGEMENT_PORT", "15672")}/api/");

    private static string Setting(string name, string otherwise) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : otherwise;
    private ManagementFailover? _managementNodes;
    private HttpClient? _managementClient;

    /// <summary>The broker's management API (as guest), made on first use from <see cref="ManagementApis"/>.</summary>
    protected HttpClient ManagementApi => _managementClient ??= new HttpClient(ManagementNodes) { BaseAddress = ManagementApis[0] };

    /// <summary>Which of <see cref="ManagementApis"/> the management calls go to first.</summary>
    protected ManagementFailover ManagementNodes => _managementNodes ??= new ManagementFailover(ManagementApis);

    private readonly List<ServiceProcess> _all = [];
    private readonly Dictionary<string, ServiceProcess> _main = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public string VirtualHost => "mediation-test-" + _run;

    /// <summary>
    /// The redelivery schedule the processes run with: a message still failing after these is a fault. The
    /// deployment's waits 10 s before the first redelivery and two hours before the last; most tests wait
    /// seconds for the same path through the broker's delay lines.
    /// </summary>
    protected virtual string Redelivery => "1s,2s";

    /// <summary>The broker's management API, one address per node (a cluster's every node answers for the whole cluster).</summary>
    protected virtual IReadOnlyList<Uri> ManagementApis => [Management];

    /// <summary>What every process is given as <c>Bus:Host</c>: one node, or a cluster's nodes as host:port, comma-separated.</summary>
    protected virtual string BusHost => "127.0.0.1";

    /// <summary>What operations is given as <c>Operations:RabbitMqManagementUrl</c>.</summary>
    protected virtual string ManagementUrl => Management.GetLeftPart(UriPartial.Authority);

    /// <summary>Starts the broker the processes use (idempotent: one already running is left alone).</summary>
    protected virtual Task StartBroker() => Run(Path.Combine(Repository.Root, "scripts", "rabbitmq.sh"), "start");

    /// <summary>Publishes raw bytes to a queue through the broker's management API, as a foreign or broken producer would.</summary>
    public async Task PublishRaw(string queue, string payload, IDictionary<string, object>? headers = null)
    {
        var answer = await ManagementApi.PostAsJsonAsync($"exchanges/{Uri.EscapeDataString(VirtualHost)}/amq.default/publish", new
        {
            properties = new { content_type = "application/vnd.masstransit+json", message_id = Guid.NewGuid().ToString(), headers = headers ?? new Dictionary<string, object>() },
            routing_key = queue,
            payload,
            payload_encoding = "string",
        });
        answer.EnsureSuccessStatusCode();
        Assert.Contains("\"routed\":true", await answer.Content.ReadAsStringAsync());
    }
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "mediation-distributed-" + Guid.NewGuid().ToString("N")[..8]);
    public DemoParties Keys { get; } = DemoParties.Load(Path.Combine(AppContext.BaseDirectory, "parties.demo.json"));

    public ServiceAddresses Addresses => new(_main["Requests"].Address, _main["Verification"].Address, _main["Handover"].Address);

    public virtual async Task InitializeAsync()
    {
        var scripts = Path.Combine(Repository.Root, "scripts");
        await Task.WhenAll(StartBroker(), Run(Path.Combine(scripts, "postgres.sh"), "start"));
        ManagementApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        (await ManagementApi.PutAsync($"vhosts/{VirtualHost}", null)).EnsureSuccessStatusCode();
        (await ManagementApi.PutAsJsonAsync($"permissions/{VirtualHost}/guest", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();

        HandoverPort = Ports.Free();
        _main["Handover"] = StartAt("Handover", HandoverPort);
        _main["Verification"] = Start("Verification");
        _main["Requests"] = Start("Requests");
        _main["Operations"] = StartAt("Operations", Ports.Free(), "--Mediation:WebUrl", OperationsWeb.ToString().TrimEnd('/'),
            "--Operations:RabbitMqManagementUrl", ManagementUrl,
            // The reports view asks the requests process for its report.
            "--Peers:Requests", _main["Requests"].Address.ToString().TrimEnd('/'),
            // Tests wait seconds, not the deployment's five minutes, for a fault applied since to be found.
            "--Operations:AppliedCheckSeconds", "2");
        await Task.WhenAll(_main.Values.Select(p => p.WaitServing()));
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var process in _all)
            await process.Stop();
        await ManagementApi.DeleteAsync($"vhosts/{VirtualHost}");
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            foreach (var service in new[] { "requests", "verification", "handover", "operations" })
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName(service)} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>The operations process's dashboard (HTTP/1.1).</summary>
    public Uri OperationsWeb { get; } = new($"http://127.0.0.1:{Ports.Free()}");

    /// <summary>The dashboard's API as the demo operator.</summary>
    public HttpClient Dashboard() => DashboardApi.Client(OperationsWeb);

    /// <summary>
    /// Makes <paramref name="service"/>'s database refuse every connection, and drops the ones it has,
    /// until the returned handle is disposed: a database outage as the service meets it.
    /// </summary>
    public async Task<IAsyncDisposable> DatabaseOutage(string service)
    {
        var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        var database = DatabaseName(service);
        await new NpgsqlCommand($"ALTER DATABASE {database} ALLOW_CONNECTIONS false", admin).ExecuteNonQueryAsync();
        await new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'", admin).ExecuteNonQueryAsync();
        return new Outage(admin, database);
    }

    private sealed class Outage(NpgsqlConnection admin, string database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await new NpgsqlCommand($"ALTER DATABASE {database} ALLOW_CONNECTIONS true", admin).ExecuteNonQueryAsync();
            await admin.DisposeAsync();
            // This test process's own pooled connections to that database were cut too.
            NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>The main handover process's port: fixed, so that requests can find it again after a restart.</summary>
    public int HandoverPort { get; private set; }

    /// <summary>Starts one more process of <paramref name="service"/> (on the same database and queues); not yet serving.</summary>
    public ServiceProcess Start(string service, params string[] settings) => StartAt(service, Ports.Free(), settings);

    public ServiceProcess StartAt(string service, int port, params string[] settings)
    {
        var instance = $"{service.ToLowerInvariant()}-{_all.Count}";
        var process = new ServiceProcess(service, port, Path.Combine(Directory, instance), Arguments(service, instance, settings));
        _all.Add(process);
        _instances[instance] = process;
        return process;
    }

    private readonly Dictionary<string, ServiceProcess> _instances = [];

    /// <summary>How many processes of <paramref name="service"/> are running.</summary>
    public int Instances(string service) => _instances.Values.Count(p => p.Name == service && p.Running);

    /// <summary>
    /// The process of <paramref name="service"/> that holds its outbox lease (the advisory lock OutboxLease takes),
    /// found by the application name each process gives its database connections; null while none holds it.
    /// </summary>
    public async Task<ServiceProcess?> OutboxPublisher(string service, string dbContext)
    {
        await using var db = Database(service.ToLowerInvariant());
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = @key
            """, db);
        query.Parameters.AddWithValue("key", Mediation.BuildingBlocks.Persistence.AdvisoryLockKey.For("mediation-outbox:" + dbContext));
        return await query.ExecuteScalarAsync() is string instance && _instances.TryGetValue(instance, out var process) ? process : null;
    }

    /// <summary>Replaces the main process of <paramref name="service"/> by <paramref name="replacement"/>.</summary>
    public void Use(string service, ServiceProcess replacement) => _main[service] = replacement;

    public ServiceProcess Main(string service) => _main[service];

    public NpgsqlConnection Database(string service) => new(ConnectionString(DatabaseName(service)));

    /// <summary>Starts <paramref name="service"/> again where its main process answered (after a crash), and waits until it serves.</summary>
    public async Task Restart(string service)
    {
        var replacement = StartAt(service, Main(service).Address.Port, service == "Operations"
            ? ["--Mediation:WebUrl", OperationsWeb.ToString().TrimEnd('/'), "--Operations:RabbitMqManagementUrl", ManagementUrl,
                "--Peers:Requests", Main("Requests").Address.ToString().TrimEnd('/')]
            : []);
        Use(service, replacement);
        await replacement.WaitServing();
    }

    /// <summary>How many messages wait in this virtual host's _error and _skipped queues: failures only the broker would show.</summary>
    public async Task<long> MessagesSetAside()
    {
        var queues = await ManagementApi.GetFromJsonAsync<List<QueueDepth>>($"queues/{Uri.EscapeDataString(VirtualHost)}");
        return queues!.Where(q => q.name.EndsWith("_error", StringComparison.Ordinal) || q.name.EndsWith("_skipped", StringComparison.Ordinal)).Sum(q => q.messages);
    }

    private sealed record QueueDepth(string name, long messages);

    /// <summary>The message id and body requests' outbox published the case's CaseLocated with.</summary>
    public async Task<(Guid MessageId, string Body)> PublishedCaseLocated(string caseName)
    {
        await using var connection = Database("requests");
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("""SELECT "MessageId", "Body" FROM outbox WHERE "Type" = 'Mediation.Contracts.CaseLocated' AND "Body" LIKE @case""", connection);
        read.Parameters.AddWithValue("case", $"%\"{caseName["cases/".Length..]}\"%");
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return (row.GetGuid(0), row.GetString(1));
    }

    /// <summary>
    /// A queue of the test's own, bound to the exchange every <c>Fault&lt;T&gt;</c> of <typeparamref name="T"/> is
    /// published to: it holds each such fault from the moment a service published it (the broker has confirmed
    /// it), whether or not operations has taken it in yet. Deleted when disposed.
    /// </summary>
    public async Task<FaultTap> TapFaults<T>()
    {
        var queue = $"test-faults-{typeof(T).Name}-{Guid.NewGuid():N}";
        var vhost = Uri.EscapeDataString(VirtualHost);
        (await ManagementApi.PutAsJsonAsync($"queues/{vhost}/{queue}", new { durable = true, auto_delete = false })).EnsureSuccessStatusCode();
        var exchange = Uri.EscapeDataString($"MassTransit:Fault--{typeof(T).Namespace}:{typeof(T).Name}--");
        (await ManagementApi.PostAsJsonAsync($"bindings/{vhost}/e/{exchange}/q/{queue}", new { routing_key = "" })).EnsureSuccessStatusCode();
        return new FaultTap(queue, () => ManagementApi.DeleteAsync($"queues/{vhost}/{queue}"));
    }

    public sealed class FaultTap(string queue, Func<Task> delete) : IAsyncDisposable
    {
        public string Queue => queue;

        public async ValueTask DisposeAsync() => await delete();
    }

    /// <summary>The bodies of the messages waiting in <paramref name="queue"/>, left where they are; none if it does not exist (yet).</summary>
    public async Task<IReadOnlyList<string>> Peek(string queue)
    {
        var answer = await ManagementApi.PostAsJsonAsync($"queues/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(queue)}/get",
            new { count = 10_000, ackmode = "ack_requeue_true", encoding = "auto" });
        if (answer.StatusCode == HttpStatusCode.NotFound)
            return [];
        answer.EnsureSuccessStatusCode();
        var messages = await answer.Content.ReadFromJsonAsync<List<PeekedMessage>>();
        return messages!.Select(m => m.payload).ToList();
    }

    private sealed record PeekedMessage(string payload);

    /// <summary>Every row of every table of <paramref name="service"/>'s database, as text: what a dump would hold.</summary>
    public async Task<string> Dump(string service)
    {
        await using var connection = Database(service);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            using var rows = await connection.BeginTextExportAsync($"COPY {table} TO STDOUT");
            dump.Append(table).Append('\n').Append(await rows.ReadToEndAsync());
        }
        return dump.ToString();
    }

    /// <summary>The broker's queues in this virtual host, with their consumer counts.</summary>
    public async Task<IReadOnlyDictionary<string, int>> Queues()
    {
        var queues = await ManagementApi.GetFromJsonAsync<List<QueueInfo>>($"queues/{Uri.EscapeDataString(VirtualHost)}");
        return queues!.ToDictionary(q => q.name, q => q.consumers);
    }

    /// <summary>What the service processes wrote, for a failing test's message.</summary>
    public string Output() => string.Join("\n", _all.Select(p => $"--- {p.Name}\n{p.Output}"));

    private sealed record QueueInfo(string name, int consumers);

    private string DatabaseName(string service) => $"mediation_{service}_{_run}";

    private static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database={database};Pooling=true";

    private IEnumerable<string> Arguments(string service, string instance, string[] settings)
    {
        var name = service.ToLowerInvariant();
        return new[]
        {
            Path.Combine(AppContext.BaseDirectory, $"Mediation.{service}.dll"),
            "--Bus:Transport", "RabbitMq", "--Bus:Host", BusHost, "--Bus:Port", BrokerPort, "--Bus:VirtualHost", VirtualHost,
            "--Database:Provider", "Postgres", $"--ConnectionStrings:{name}", ConnectionString(DatabaseName(name)) + $";Application Name={instance}",
            // The demo parties and keys, which a process takes only in demo mode (DemoMode).
            "--Mediation:Demo", "true",
            "--Mediation:PartiesFile", Path.Combine(AppContext.BaseDirectory, "parties.demo.json"),
            "--Mediation:KeysFile", Path.Combine(AppContext.BaseDirectory, "keys.demo.json"),
            "--Peers:Handover", $"http://127.0.0.1:{HandoverPort}",
            "--Bus:Redelivery", Redelivery,
        }.Concat(Settings(service)).Concat(settings);
    }

    /// <summary>Settings a kind of run gives every process of <paramref name="service"/> (the monitoring tests' short intervals, say).</summary>
    protected virtual string[] Settings(string service) => [];


    /// <summary>
    /// This run's queues that some process is reading, as the broker has it this moment: the management API's list
    /// of consumers, which follows each consumer's start and end as it happens (unlike a queue's consumer count there,
    /// a statistic refreshed every few seconds) and answers in milliseconds (rabbitmqctl took seconds on a busy
    /// machine, longer than what it measured).
    /// </summary>
    public async Task<HashSet<string>> QueuesBeingRead()
    {
        var consumers = await ManagementApi.GetFromJsonAsync<List<ConsumerInfo>>($"consumers/{Uri.EscapeDataString(VirtualHost)}");
        return consumers!.Select(c => c.queue.name).ToHashSet();
    }

    private sealed record ConsumerInfo(QueueName queue);
    private sealed record QueueName(string name);

    public static async Task<string> Run(string file, params string[] arguments)
    {
        var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {output}{await error}");
        return output;
    }
}

/// <summary>One service process: started at once, stoppable, its output kept for failure messages.</summary>
public sealed class ServiceProcess
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ServiceProcess(string name, int port, string directory, IEnumerable<string> arguments)
    {
        Name = name;
        Address = new Uri($"http://127.0.0.1:{port}");
        System.IO.Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in arguments.Concat(["--urls", Address.ToString().TrimEnd('/')]))
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public Uri Address { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    public string GrpcService => Name switch
    {
        "Requests" => "mediation.requests.v1.RequestsService",
        "Verification" => "mediation.verification.v1.VerificationService",
        "Operations" => "mediation.operations",
        _ => "mediation.handover.v1.HandoverService",
    };

    public async Task WaitServing()
    {
        var health = new Health.HealthClient(GrpcChannel.ForAddress(Address));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                var answer = await health.CheckAsync(new HealthCheckRequest { Service = GrpcService }, deadline: DateTime.UtcNow.AddSeconds(2));
                if (answer.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    return;
            }
            catch (Grpc.Core.RpcException)
            {
            }
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Name} did not report SERVING.\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process at once, as a crash would: no shutdown, nothing flushed.</summary>
    public bool Running => !_process.HasExited;

    /// <summary>
    /// Stops the process in good order, as an orchestrator or Ctrl+C does (SIGTERM): it shuts down as it was written
    /// to, saying so on the bus; killed after 30 s if it has not ended by then.
    /// </summary>
    public async Task StopInGoodOrder()
    {
        if (_process.HasExited)
            return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            await Stop();
        }
    }

    public async Task Stop()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DistributedCollection : ICollectionFixture<DistributedServices>
{
    public const string Name = "distributed services on RabbitMQ and PostgreSQL";
}
