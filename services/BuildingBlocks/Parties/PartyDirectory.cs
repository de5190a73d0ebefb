using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Parties;

/// <summary>
/// The parties of this deployment, read once from the <c>Parties</c> configuration section:
/// <code>"Parties": { "holder-1": { "Name": "…", "Kind": "Holding", "ApiKeySha256": "…" } }</code>
/// A plain <c>ApiKey</c> is accepted for demo files only; real deployments give the key's SHA-256.
/// </summary>
public sealed class PartyDirectory
{
    private readonly Dictionary<string, Party> _byId;
    private readonly Dictionary<string, Party> _byKeyHash;

    public PartyDirectory(IEnumerable<(Party Party, string KeySha256)> parties)
    {
        _byId = new(StringComparer.Ordinal);
        _byKeyHash = new(StringComparer.Ordinal);
        foreach (var (party, keyHash) in parties)
        {
            if (!_byId.TryAdd(party.Id, party))
                throw new InvalidOperationException($"Party '{party.Id}' is configured twice.");
            if (!_byKeyHash.TryAdd(keyHash, party))
                throw new InvalidOperationException($"Party '{party.Id}' shares its API key with another party.");
        }
    }

    public IReadOnlyCollection<Party> All => _byId.Values;

    public Party? FindById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The party named by a <c>parties/{id}</c> resource name, or null.</summary>
    public Party? FindByResourceName(string name) =>
        name.StartsWith(Party.ResourcePrefix, StringComparison.Ordinal) ? FindById(name[Party.ResourcePrefix.Length..]) : null;

    public Party? FindByApiKey(string apiKey) => _byKeyHash.GetValueOrDefault(HashKey(apiKey));

    public static string HashKey(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    private static bool IsP256PublicKey(string base64)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64), out _);
            return key.KeySize == 256;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }

    public static PartyDirectory FromConfiguration(IConfiguration configuration)
    {
        var parties = new List<(Party, string)>();
        foreach (var section in configuration.GetSection("Parties").GetChildren())
        {
            var id = section.Key;
            if (!Enum.TryParse<PartyKind>(section["Kind"], ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                throw new InvalidOperationException($"Party '{id}' needs a Kind: Requesting, Holding, Mediator or Observer.");
            var hash = section["ApiKeySha256"]?.ToLowerInvariant()
                ?? (section["ApiKey"] is { Length: > 0 } key ? HashKey(key) : null)
                ?? throw new InvalidOperationException($"Party '{id}' needs an ApiKeySha256 (or, in a demo file, an ApiKey).");
            var publicKey = section["PublicKey"];
            if (publicKey is not null && !IsP256PublicKey(publicKey))
                throw new InvalidOperationException($"Party '{id}' has a PublicKey that is not a base64 ECDSA P-256 SubjectPublicKeyInfo.");
            parties.Add((new Party(id, section["Name"] ?? id, kind, publicKey), hash));
        }
        if (parties.Count == 0)
            throw new InvalidOperationException("No parties are configured (section 'Parties').");
        return new PartyDirectory(parties);
    }
}
