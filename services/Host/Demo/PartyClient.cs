using Grpc.Core;
using Grpc.Net.Client;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.Host.Demo;

/// <summary>Where each service answers: one address for the embedded host, three when each runs apart.</summary>
public sealed record ServiceAddresses(Uri Requests, Uri Verification, Uri Handover)
{
    public static ServiceAddresses Embedded(Uri host) => new(host, host, host);
}

/// <summary>A partner system as it would call the API: its own key, its officer, the generated clients.</summary>
public sealed class PartyClient
{
    public PartyClient(ServiceAddresses services, string partyId, string apiKey, string officer)
    {
        PartyId = partyId;
        Headers = new Metadata { { "authorization", "Bearer " + apiKey }, { "x-officer", officer } };
        Requests = new(GrpcChannel.ForAddress(services.Requests));
        Verification = new(GrpcChannel.ForAddress(services.Verification));
        Handover = new(GrpcChannel.ForAddress(services.Handover));
    }

    public string PartyId { get; }
    public string Resource => "parties/" + PartyId;
    public Metadata Headers { get; }

    public RequestsApi.RequestsService.RequestsServiceClient Requests { get; }
    public VerificationApi.VerificationService.VerificationServiceClient Verification { get; }
    public HandoverApi.HandoverService.HandoverServiceClient Handover { get; }
}
