using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>A service that must ask another over gRPC gives a clear answer when the other is gone, not a hang.</summary>
[Collection(DistributedCollection.Name)]
public sealed class PeerDeadlineTests(DistributedServices services)
{
    [Fact]
    public async Task Withdrawing_a_verified_case_while_handover_is_down_is_unavailable_and_changes_nothing()
    {
        var requester = Party("requester-1");
        var mediator = Party("mediator");
        var holder = Party("holder-1");
        var name = await Requests.VerifiedCase(requester, mediator, holder, "peer-" + Guid.NewGuid().ToString("N")[..8]);

        await services.Main("Handover").Stop();
        try
        {
            var e = await Assert.ThrowsAsync<RpcException>(() =>
                requester.Requests.WithdrawCaseAsync(new() { RequestId = "withdraw-" + name, Name = name }, requester.Headers).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.Contains("handover service did not answer", e.Status.Detail);
            var c = (await requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers)).Case;
            Assert.Equal(RequestsApi.CaseStage.Verified, c.Stage);
        }
        finally
        {
            var restarted = services.StartAt("Handover", services.HandoverPort);
            await restarted.WaitServing();
            services.Use("Handover", restarted);
        }

        // The same request id, retried as UNAVAILABLE asks (a freshly started peer may still be warming up), goes through.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var withdrawn = await requester.Requests.WithdrawCaseAsync(new() { RequestId = "withdraw-" + name, Name = name }, requester.Headers);
                Assert.Equal(RequestsApi.CaseStage.Withdrawn, withdrawn.Case.Stage);
                break;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private PartyClient Party(string id) => new(services.Addresses, id, services.Keys.KeyOf(id), "officer-" + id);
}
