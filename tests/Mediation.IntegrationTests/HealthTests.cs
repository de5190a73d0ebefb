using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Mediation.IntegrationTests;

[Collection(EmbeddedHostCollection.Name)]
public sealed class HealthTests(EmbeddedHost host)
{
    public static TheoryData<string> Services() =>
        ["", "mediation.requests.v1.RequestsService", "mediation.verification.v1.VerificationService", "mediation.handover.v1.HandoverService"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_reports_serving_without_credentials(string service)
    {
        var health = new Health.HealthClient(host.Channel());
        var answer = await health.CheckAsync(new HealthCheckRequest { Service = service });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_public_services_for_grpcurl()
    {
        var reflection = new ServerReflection.ServerReflectionClient(host.Channel());
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("mediation.requests.v1.RequestsService", names);
        Assert.Contains("mediation.verification.v1.VerificationService", names);
        Assert.Contains("mediation.handover.v1.HandoverService", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }
}
