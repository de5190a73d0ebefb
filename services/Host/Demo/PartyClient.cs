using Grpc.Core;
using Grpc.Net.Client;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.Host.Demo;

/// <summary>A partner system as it would call the API: its own key, its officer, the generated clients.</summary>
public sealed class PartyClient(GrpcChannel channel, string partyId, string apiKey, string officer)
{
    public string PartyId { get; } = partyId;
    public string Resource => "parties/" + PartyId;

    public Metadata Headers { get; } = new() { { "authorization", "Bearer " + apiKey }, { "x-officer", officer } };

    public RequestsApi.RequestsService.RequestsServiceClient Requests { get; } = new(channel);
    public VerificationApi.VerificationService.VerificationServiceClient Verification { get; } = new(channel);
    public HandoverApi.HandoverService.HandoverServiceClient Handover { get; } = new(channel);
}
