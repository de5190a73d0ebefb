using Grpc.AspNetCore.Server;
using Grpc.Core;
using Mediation.Client;
using Mediation.IntegrationTests;
using Submissions = Mediation.IntegrationTests.Requests;
using Microsoft.Extensions.DependencyInjection;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.ClientTests;

/// <summary>A call whose answer was lost is made again with its request id, and the service does it once.</summary>
public class RetryTests(RetryTests.LossyHost host) : IClassFixture<RetryTests.LossyHost>
{
    public sealed class LossyHost : EmbeddedHost
    {
        public AnswerLostOnce Loss { get; } = new();

        protected override void Replace(IServiceCollection services)
        {
            services.AddSingleton(Loss);
            services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<AnswerLostOnce>());
        }
    }

    [Fact]
    public async Task A_submission_whose_answer_was_lost_is_retried_with_the_same_request_id_and_makes_one_case()
    {
        var requester = host.Keys.Requesting(ServiceAddresses.Embedded(host.Address), "requester-2", "officer-r2");
        var before = await Count(requester);
        host.Loss.LoseNext();

        var submitted = await requester.SubmitRequestAsync(Submissions.OneChild(requestId: ""));

        var ids = host.Loss.RequestIds;
        Assert.Equal(2, ids.Count);
        Assert.False(string.IsNullOrEmpty(ids[0]));
        Assert.Equal(ids[0], ids[1]);
        Assert.Single(submitted.Cases);
        Assert.Equal(before + 1, await Count(requester));
    }

    private static async Task<int> Count(RequestingPartyClient requester) =>
        await requester.ListAllCases(new RequestsApi.ListCasesRequest { PageSize = 500 }).CountAsync();
}
