using System.Reflection;
using MassTransit;
using Mediation.BuildingBlocks.Hosting;
using Mediation.Contracts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>
/// This process's sign of life: an <see cref="InstanceHeartbeat"/> every <c>Mediation:HeartbeatSeconds</c> for the
/// services it hosts, and an <see cref="InstanceStopped"/> as it stops in good order. Published on the bus directly,
/// not through a service's outbox: a heartbeat is worth nothing late, so none is kept for later, and each carries a
/// time to live of the missed heartbeats after which operations calls the instance stale, so a broker's backlog of
/// them (operations away) drains itself. A broker that cannot be reached is logged once per outage; the next tick
/// tries again, and nothing here ever holds up the process's start or stop for more than a moment.
/// </summary>
public sealed class Heartbeats : PeriodicScan, IHostedLifecycleService
{
    public const string IntervalKey = "Mediation:HeartbeatSeconds";
    public const double DefaultIntervalSeconds = 5;
    /// <summary>Heartbeats older than this many intervals are worth nothing: operations has called the instance stale by then.</summary>
    private const double WorthMissedHeartbeats = 3;
    /// <summary>How long a stop waits for the broker to take its last word: a stop is never held up for longer.</summary>
    private static readonly TimeSpan StoppedWait = TimeSpan.FromSeconds(2);

    private readonly IServiceProvider _services;
    private readonly IConfiguration _configuration;
    private readonly ILogger<Heartbeats> _logger;
    private readonly TimeSpan _interval;
    private readonly string[] _names;
    private Identity? _identity;
    private bool _failing;
    private Task? _inFlight;

    public Heartbeats(IServiceProvider services, IConfiguration configuration, IOptions<InstanceServices> hosted, TimeProvider clock, ILogger<Heartbeats> logger)
        : base(Interval(configuration), clock, logger)
    {
        _services = services;
        _configuration = configuration;
        _logger = logger;
        _interval = Interval(configuration);
        _names = hosted.Value.Names.Distinct().ToArray();
    }

    public static TimeSpan Interval(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue(IntervalKey, DefaultIntervalSeconds));

    private sealed record Identity(InstanceAddresses Addresses, string Version, string HostName, int ProcessId, DateTime StartedAt);

    /// <summary>Once the server listens: only then are its addresses, and so the instance id, known.</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var listening = _services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var hostName = Environment.MachineName;
        _identity = new Identity(
            InstanceAddresses.Of(_configuration[InstanceAddresses.InstanceNameKey], hostName, listening, ListenAddresses.WebPort(_configuration)),
            Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            hostName, Environment.ProcessId, Now());
        return Task.CompletedTask;
    }

    public override async Task Scan(CancellationToken ct)
    {
        if (_identity is not { } me || _names.Length == 0 || _services.GetService<IBus>() is not { } bus)
            return;
        try
        {
            // One heartbeat in flight at most: behind a broker that is away or slow they never pile up. A publish is
            // waited for until the next tick and then left to finish or fail on its own, never called off: MassTransit
            // logs a publish called off as a send fault, with its stack trace, at every tick of an outage.
            if (_inFlight is { IsCompleted: false })
                throw new TimeoutException($"the heartbeat before has not reached the broker in {_interval.TotalSeconds} s");
            var heartbeat = new InstanceHeartbeat(me.Addresses.InstanceId, _names, me.Version, me.HostName, me.ProcessId, me.StartedAt, Now(),
                _interval.TotalSeconds, me.Addresses.GrpcAddress, me.Addresses.WebAddress);
            _inFlight = bus.Publish(heartbeat, c => c.TimeToLive = _interval * WorthMissedHeartbeats, CancellationToken.None);
            await _inFlight.WaitAsync(_interval, ct);
            if (_failing)
                _logger.LogInformation("Heartbeats of {InstanceId} reach the broker again", me.Addresses.InstanceId);
            _failing = false;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            if (!_failing)
                _logger.LogWarning("A heartbeat of {InstanceId} could not be published ({ExceptionType}: {Message}); trying again every {Interval} s, quietly until one goes through",
                    me.Addresses.InstanceId, e.GetType().Name, e.Message, _interval.TotalSeconds);
            _failing = true;
        }
    }

    /// <summary>
    /// Before any service stops (the bus included): the heartbeats end first, so none follows the last word, which
    /// then says this silence is a planned stop, not a crash.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken);
        if (_identity is not { } me || _names.Length == 0 || _services.GetService<IBus>() is not { } bus || cancellationToken.IsCancellationRequested)
            return;
        try
        {
            await bus.Publish(new InstanceStopped(me.Addresses.InstanceId, _names, Now()), CancellationToken.None).WaitAsync(StoppedWait, cancellationToken);
        }
        catch (Exception e)
        {
            _logger.LogWarning("{InstanceId} could not say it is stopping ({ExceptionType}: {Message}); operations will see its heartbeats stop",
                me.Addresses.InstanceId, e.GetType().Name, e.Message);
        }
    }

    /// <summary>To the millisecond: the times compared for newer-wins are the times the databases keep.</summary>
    private DateTime Now()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
