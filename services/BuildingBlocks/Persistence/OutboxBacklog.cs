using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// How many committed events wait to be published (<c>mediation.outbox.backlog</c>), counted every
/// 5 s: a backlog that grows means the broker or the dispatcher is not keeping up.
/// </summary>
public sealed class OutboxBacklog<TDb> : PeriodicScan where TDb : ServiceDbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly string _service;

    public OutboxBacklog(string service, IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxBacklog<TDb>> logger)
        : base(TimeSpan.FromSeconds(5), clock, logger)
    {
        _scopes = scopes;
        _service = service;
    }

    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        MediationMetrics.OutboxBacklog(_service, await db.Outbox.LongCountAsync(m => m.SentAt == null, ct));
    }
}
