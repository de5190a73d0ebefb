using System.Text.Json;

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

    public PartyClient Client(ServiceAddresses services, string partyId, string officer) =>
        new(services, partyId, KeyOf(partyId), officer, SigningKeyOf(partyId));

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
