using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Mediation.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// The embedded host's in-memory bus keeps the same promise as RabbitMQ (DistributedRecoveryTests): an outage
/// of verification's database longer than the immediate retries but over before the last redelivery publishes
/// no fault; one that outlasts the last redelivery publishes one, after it. Watched where a fault is made, on
/// the bus itself, so that a fault published and taken in late cannot hide.
/// </summary>
[Collection(FaultyDatabaseHost.Collection)]
public class EmbeddedRedeliveryTests(FaultyDatabaseHost host)
{
    [Fact]
    public async Task An_outage_that_ends_before_the_last_redelivery_publishes_no_fault()
    {
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        using var watch = new FaultWatch(host.Services.GetRequiredService<IBus>());
        string name;
        await using (await host.LockDatabase("verification"))
        {
            name = await Requests.LocatedCase(requester, mediator, holder, "heals-" + Guid.NewGuid().ToString("N")[..6]);
            // Held until the first delivery's immediate retries have given up and its redelivery has arrived.
            await Requests.Eventually(() => Task.FromResult(watch.Redelivered(CaseId(name))), at => at is not null);
        }

        await Requests.Eventually(() => requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync,
            c => c.Case.Stage == Mediation.Api.Requests.V1.CaseStage.InVerification);
        // A fault is published before its message is redelivered, so one for this case would have been seen by now.
        Assert.Empty(watch.Faults(CaseId(name)));
        using var web = host.Web();
        var overview = await web.GetFromJsonAsync<JsonElement>("/operations/api/overview");
        Assert.DoesNotContain(DashboardApi.OpenFaults(overview), f => f.GetProperty("caseId").GetString() == name);
    }

    [Fact]
    public async Task An_outage_that_outlasts_the_last_redelivery_publishes_one_fault_after_it()
    {
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        using var watch = new FaultWatch(host.Services.GetRequiredService<IBus>());
        using var web = host.Web();
        string name;
        await using (await host.LockDatabase("verification"))
        {
            name = await Requests.LocatedCase(requester, mediator, holder, "fails-" + Guid.NewGuid().ToString("N")[..6]);
            await Requests.Eventually(() => web.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
                o => DashboardApi.OpenFaults(o).Any(f => f.GetProperty("caseId").GetString() == name));
        }

        var fault = Assert.Single(watch.Faults(CaseId(name)));
        Assert.True(watch.Redelivered(CaseId(name)) < fault, "the fault was published before the message's redelivery arrived");
    }

    private static string CaseId(string name) => name["cases/".Length..];

    /// <summary>When the bus published a fault of a CaseLocated, and when a CaseLocated arrived again, by case.</summary>
    private sealed class FaultWatch : IConsumeObserver, IPublishObserver, ISendObserver, IDisposable
    {
        private readonly ConcurrentDictionary<Guid, (string CaseId, long At)> _faults = new();
        private readonly ConcurrentDictionary<string, long> _redelivered = new();
        private readonly ConnectHandle[] _handles;
        private long _order;

        public FaultWatch(IBus bus) =>
            _handles = [bus.ConnectConsumeObserver(this), bus.ConnectPublishObserver(this), bus.ConnectSendObserver(this)];

        public IReadOnlyList<long> Faults(string caseId) => _faults.Values.Where(f => f.CaseId == caseId).Select(f => f.At).ToList();

        public long? Redelivered(string caseId) => _redelivered.TryGetValue(caseId, out var at) ? at : null;

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is CaseLocated located && context.GetRedeliveryCount() > 0)
                _redelivered.TryAdd(located.CaseId, Interlocked.Increment(ref _order));
            return Task.CompletedTask;
        }

        // A fault goes out through whichever of the two the bus uses for it; each is counted once, by its id.
        public Task PreSend<T>(SendContext<T> context) where T : class => Seen(context.Message);
        public Task PrePublish<T>(PublishContext<T> context) where T : class => Seen(context.Message);

        private Task Seen(object message)
        {
            if (message is Fault<CaseLocated> fault)
                _faults.TryAdd(fault.FaultId, (fault.Message.CaseId, Interlocked.Increment(ref _order)));
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
        public Task PostSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;
        public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;
        public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;
        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

        public void Dispose()
        {
            foreach (var handle in _handles)
                handle.Disconnect();
        }
    }
}
