using System.Text.Json;

namespace Mediation.Host.Demo;

/// <summary>The demo parties' API keys, read from the same file the host authenticates with.</summary>
public sealed record DemoParties(IReadOnlyDictionary<string, string> KeysById)
{
    public string KeyOf(string partyId) => KeysById[partyId];

    public static DemoParties Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var keys = doc.RootElement.GetProperty("Parties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("ApiKey").GetString()!);
        return new DemoParties(keys);
    }
}
