using System.Text.Json;
using Mediation.Client;

namespace Mediation.Host.Demo;

/// <summary>
/// The demo parties' API keys and signing keys, read from the same file the host authenticates with.
/// Only a demo holds every party's private key; in a deployment each key stays with its party.
/// </summary>
public sealed record DemoParties(
    IReadOnlyDictionary<string, string> KeysById,
    IReadOnlyDictionary<string, string> SigningKeysById,
    IReadOnlyDictionary<string, string> PublicKeysByResource)
{
    public string KeyOf(string partyId) => KeysById[partyId];

    public string SigningKeyOf(string partyId) => SigningKeysById[partyId];

    /// <summary>The party's custody key (its <c>DemoPrivateKey</c>), as the client library signs with it.</summary>
    public CustodyKey CustodyKeyOf(string partyId) => CustodyKey.FromPkcs8(Convert.FromBase64String(SigningKeyOf(partyId)));

    /// <summary>The party's generated clients and headers, for a call the typed clients would not make (tests of refusals).</summary>
    public PartyClient Client(ServiceAddresses services, string partyId, string officer) =>
        new(services, partyId, KeyOf(partyId), officer, CustodyKeyOf(partyId));

    public MediationConnection Connection(ServiceAddresses services, string partyId, string officer, RetryPolicy? retries = null) =>
        new(services, PartyCredentials.ApiKey(KeyOf(partyId)), officer, retries);

    public RequestingPartyClient Requesting(ServiceAddresses services, string partyId, string officer, RetryPolicy? retries = null) =>
        new(Connection(services, partyId, officer, retries), partyId, CustodyKeyOf(partyId));

    public HoldingPartyClient Holding(ServiceAddresses services, string partyId, string officer, RetryPolicy? retries = null) =>
        new(Connection(services, partyId, officer, retries), partyId, CustodyKeyOf(partyId));

    public MediatorClient Mediator(ServiceAddresses services, string officer, RetryPolicy? retries = null) =>
        new(Connection(services, "mediator", officer, retries), "mediator", CustodyKeyOf("mediator"));

    public static DemoParties Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var parties = doc.RootElement.GetProperty("Parties").EnumerateObject().ToList();
        return new DemoParties(
            parties.ToDictionary(p => p.Name, p => p.Value.GetProperty("ApiKey").GetString()!),
            parties.ToDictionary(p => p.Name, p => p.Value.GetProperty("DemoPrivateKey").GetString()!),
            parties.ToDictionary(p => "parties/" + p.Name, p => p.Value.GetProperty("PublicKey").GetString()!));
    }
}
