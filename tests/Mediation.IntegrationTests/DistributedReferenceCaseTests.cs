using Mediation.Host.Demo;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>The reference case across three service processes that talk only over gRPC and RabbitMQ.</summary>
[Collection(DistributedCollection.Name)]
public sealed class DistributedReferenceCaseTests(DistributedServices services)
{
    [Fact]
    public async Task The_reference_case_completes_across_separate_processes_on_rabbitmq()
    {
        var play = new ReferenceCase(services.Addresses, services.Keys, TextWriter.Null);
        ReferenceCase.Outcome outcome;
        try
        {
            outcome = await play.Play(CancellationToken.None);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{services.Output()}");
        }

        Assert.Equal(11, outcome.Cases.Count);
        foreach (var name in outcome.Cases)
        {
            var c = (await play.Requester.GetCaseAsync(name)).Case;
            Assert.Equal(RequestsApi.CaseStage.Closed, c.Stage);
            var chain = (await play.Requester.GetCustodyChainAsync(name)).Chain;
            Assert.Equal(HandoverApi.HandoverCaseState.Closed, chain.State);
            Assert.Equal(6, chain.Entries.Count);
        }

        // A dump of every table of every service's database reveals no child's or relative's details.
        foreach (var service in new[] { "requests", "verification", "handover", "operations" })
        {
            var dump = await services.Dump(service);
            if (service == "requests")
                Assert.Contains(outcome.Cases[0]["cases/".Length..], dump);
            var found = StoredPersonalData.FoundIn(System.Text.Encoding.UTF8.GetBytes(dump));
            Assert.True(found.Count == 0, $"a dump of {service}'s database reveals: {string.Join(", ", found)}");
        }

        // Each service's consumers are on the broker, each on its own queue.
        var queues = await services.Queues();
        foreach (var queue in new[] { "requests-case-events", "verification-case-located", "verification-case-withdrawn", "handover-case-verified", "handover-case-withdrawn" })
            Assert.True(queues.TryGetValue(queue, out var consumers) && consumers >= 1, $"queue {queue} with a consumer; got {string.Join(", ", queues)}");
    }
}
