using Mediation.BuildingBlocks.Persistence;
using Mediation.Operations.Alerts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Mediation.Operations.Persistence.Postgres;
using Mediation.Operations.Persistence.Sqlite;
using Mediation.Operations.Queues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mediation.IntegrationTests;

/// <summary>The alert watch keeps 14 days of cleared episodes, and an episode still firing however old, on SQLite and PostgreSQL.</summary>
public class AlertHistoryRetentionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cleared_episodes_older_than_14_days_are_removed_and_the_rest_kept(bool postgres)
    {
        await using var operations = await ConsumersOnDatabase<OperationsDb>.Start(postgres,
            b => b.AddServiceDatabase<OperationsDb, SqliteOperationsDb, PostgresOperationsDb>("operations"), _ => { });
        var now = operations.Clock.GetUtcNow().UtcDateTime;
        AlertEvent Episode(string subject, int firedDaysAgo, double? clearedDaysAgo) => new()
        {
            Rule = "OpenFaults", Subject = subject, FiredAt = now.AddDays(-firedDaysAgo), ClearedAt = clearedDaysAgo is { } d ? now.AddDays(-d) : null,
        };
        await operations.Write(db =>
        {
            db.AddRange(Episode("cleared-15-days-ago", 16, 15), Episode("cleared-13-days-ago", 14, 13), Episode("firing-for-20-days", 20, null));
            return Task.CompletedTask;
        });

        var configuration = new ConfigurationBuilder().Build();
        var queues = new QueueWatch(new InMemoryQueueCounters(operations.Clock), configuration, operations.Clock, NullLogger<QueueWatch>.Instance);
        var watch = new AlertWatch(operations.Services.GetRequiredService<IServiceScopeFactory>(), queues, AlertRules.From(configuration),
            configuration, operations.Clock, NullLogger<AlertWatch>.Instance);
        await watch.Scan(default);

        var kept = await operations.Read(db => db.Set<AlertEvent>().AsNoTracking().Select(e => e.Subject).OrderBy(s => s).ToListAsync());
        Assert.Equal(["cleared-13-days-ago", "firing-for-20-days"], kept);
    }
}
