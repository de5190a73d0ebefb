using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mediation.Api.Custody;
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
    private readonly string? _signingKey;

    public PartyClient(ServiceAddresses services, string partyId, string apiKey, string officer, string? signingKey = null)
    {
        PartyId = partyId;
        _signingKey = signingKey;
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
    /// A signed acknowledgement of <paramref name="leg"/> for one child, as a partner's system builds it: the
    /// statement of handover.proto over the case's custody chain as it reads now (its origin and head), signed
    /// with this party's own key, at <paramref name="at"/> (now by default).
    /// </summary>
    public async Task<HandoverApi.AcknowledgeCustodyRequest> Acknowledgement(string batch, string caseName, HandoverApi.Leg leg, HandoverApi.CustodyRole role, DateTime? at = null, CancellationToken ct = default)
    {
        var chain = (await Handover.GetCustodyChainAsync(new() { Case = caseName }, Headers, cancellationToken: ct)).Chain;
        var previous = chain.Entries.Count == 0 ? CustodyStatement.Genesis : chain.HeadHash;
        var time = DateTime.UnixEpoch.AddMilliseconds(Math.Floor(((at ?? DateTime.UtcNow) - DateTime.UnixEpoch).TotalMilliseconds));
        var statement = new CustodyStatement(caseName, chain.OriginCustodian, previous, batch, leg.Number, role,
            leg.FromCustodian, leg.ToCustodian, Resource, leg.Place, time);
        return new HandoverApi.AcknowledgeCustodyRequest
        {
            RequestId = $"ack-{caseName}-{batch}-{leg.Number}-{role}",
            Batch = batch,
            Case = caseName,
            Leg = leg.Number,
            Role = role,
            AcknowledgeTime = Timestamp.FromDateTime(time),
            Signature = ByteString.CopyFrom(Sign(statement.Text)),
            PreviousHash = previous,
        };
    }

    public byte[] Sign(string statement)
    {
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(_signingKey ?? throw new InvalidOperationException($"{Resource} has no signing key here.")), out _);
        return key.SignData(Encoding.UTF8.GetBytes(statement), HashAlgorithmName.SHA256);
    }
}
