using Grpc.Core;
using Grpc.Net.Client;
using Mediation.Api.Custody;
using Mediation.Client;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.Host.Demo;

/// <summary>
/// A party's generated clients and headers, without the client library's request ids, retries or typing: for
/// tests that send what a typed client never would (a forged signature, a call its party may not make) and
/// look at the raw gRPC answer. A partner's system uses the library's party clients instead.
/// </summary>
public sealed class PartyClient
{
    private readonly CustodyKey? _custodyKey;

    public PartyClient(ServiceAddresses services, string partyId, string apiKey, string officer, CustodyKey? custodyKey = null)
    {
        PartyId = partyId;
        _custodyKey = custodyKey;
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

    /// <summary>
    /// A signed acknowledgement of <paramref name="leg"/> for one child over the case's custody chain as it
    /// reads now, at <paramref name="at"/> (now by default), with a request id of its own.
    /// </summary>
    public async Task<HandoverApi.AcknowledgeCustodyRequest> Acknowledgement(string batch, string caseName, HandoverApi.Leg leg, HandoverApi.CustodyRole role, DateTime? at = null, CancellationToken ct = default)
    {
        var chain = (await Handover.GetCustodyChainAsync(new() { Case = caseName }, Headers, cancellationToken: ct)).Chain;
        var request = CustodyKey.SignAcknowledgement(chain, batch, leg, role, Resource, at);
        request.RequestId = $"ack-{caseName}-{batch}-{leg.Number}-{role}";
        return request;
    }

    public byte[] Sign(CustodyStatement statement) => CustodyKey.Sign(statement);

    private CustodyKey CustodyKey => _custodyKey ?? throw new InvalidOperationException($"{Resource} has no signing key here.");
}
