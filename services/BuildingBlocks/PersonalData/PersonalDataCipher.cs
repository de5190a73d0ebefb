using System.Security.Cryptography;
using System.Text;
using Mediation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.PersonalData;

/// <summary>
/// Encrypts children's and relatives' personal fields before they reach a database, and makes the keyed
/// blind indexes that let the service still find a record by such a field. AES-256-GCM with a fresh
/// nonce per value; the field's name is authenticated with it, so a value copied into another column
/// does not decrypt. Each value names the key it was written with: keys rotate without rewriting first.
/// A blind index is an HMAC-SHA256 of the normalised value under a separate key: equal values give equal
/// indexes, and without the key an index reveals nothing, not even for guessable values such as dates.
/// </summary>
public sealed class PersonalDataCipher
{
    /// <summary>Every protected text starts so; what does not is refused on reading, never passed through.</summary>
    private const string TextPrefix = "p1:";
    private const byte BytesVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Block = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly byte[] _indexKey;
    // An AesGcm per key and thread: making one expands the key, which cost more than the encryption itself
    // (a match search decrypts a few hundred names); an instance may not be used by two threads at once.
    private readonly ThreadLocal<Dictionary<string, AesGcm>> _aes = new(() => []);

    public PersonalDataCipher(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId, byte[] indexKey)
    {
        foreach (var (id, key) in keys)
        {
            if (id.Length is 0 or > 32 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new InvalidOperationException($"PersonalData:Keys: a key id must be 1 to 32 letters, digits, '-' or '_', not '{id}'.");
            if (key.Length != 32)
                throw new InvalidOperationException($"PersonalData:Keys:{id} must be 32 bytes in base64 (AES-256), not {key.Length} bytes.");
        }
        if (!keys.ContainsKey(activeKeyId))
            throw new InvalidOperationException($"PersonalData:ActiveKey '{activeKeyId}' is not among PersonalData:Keys.");
        if (indexKey.Length != 32)
            throw new InvalidOperationException($"PersonalData:IndexKey must be 32 bytes in base64, not {indexKey.Length} bytes.");
        if (keys.Values.Any(k => k.AsSpan().SequenceEqual(indexKey)))
            throw new InvalidOperationException("PersonalData:IndexKey must differ from every encryption key.");
        _keys = keys.ToDictionary(k => k.Key, k => k.Value);
        _activeKeyId = activeKeyId;
        _indexKey = indexKey;
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('|', _keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + "=" + Convert.ToBase64String(k.Value)))
            + "|active=" + activeKeyId + "|index=" + Convert.ToBase64String(indexKey))))[..16];
    }

    /// <summary>Tells ciphers apart without revealing their keys (the database model is built once per cipher).</summary>
    public string Fingerprint { get; }

    public string ActiveKeyId => _activeKeyId;

    /// <summary>
    /// <c>PersonalData:Keys:{id}</c> (32 random bytes in base64, one or more), <c>PersonalData:ActiveKey</c>
    /// (the id new values are written with) and <c>PersonalData:IndexKey</c> (32 other random bytes).
    /// </summary>
    public static PersonalDataCipher FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("PersonalData");
        var keys = section.GetSection("Keys").GetChildren().ToDictionary(k => k.Key, k => Key(configuration, k.Path));
        if (keys.Count == 0)
            throw new InvalidOperationException(
                "PersonalData:Keys is required: children's and relatives' data are stored encrypted. " +
                "Give PersonalData:Keys:<id>, PersonalData:ActiveKey and PersonalData:IndexKey (see docs/security.md), " +
                "or Mediation:KeysFile naming a file that holds them.");
        var active = section["ActiveKey"] is { Length: > 0 } id ? id
            : keys.Count == 1 ? keys.Keys.Single()
            : throw new InvalidOperationException("PersonalData:ActiveKey is required when PersonalData:Keys holds more than one key.");
        return new PersonalDataCipher(keys, active, Key(configuration, "PersonalData:IndexKey"));
    }

    /// <summary>For building the model when making migrations, where nothing is read or written.</summary>
    public static PersonalDataCipher Throwaway() =>
        new(new Dictionary<string, byte[]> { ["design"] = RandomNumberGenerator.GetBytes(32) }, "design", RandomNumberGenerator.GetBytes(32));

    public string Protect(string value, string field)
    {
        var sealedBytes = Seal(Encoding.UTF8.GetBytes(value), field, Aes(_activeKeyId));
        return TextPrefix + _activeKeyId + ":" + Convert.ToBase64String(sealedBytes);
    }

    public string Unprotect(string stored, string field)
    {
        var colon = stored.StartsWith(TextPrefix, StringComparison.Ordinal) ? stored.IndexOf(':', TextPrefix.Length) : -1;
        if (colon < 0)
            throw new CryptographicException($"A value of {field} is not encrypted: the database was written without encryption, or altered.");
        var keyId = stored[TextPrefix.Length..colon];
        return Encoding.UTF8.GetString(Open(Convert.FromBase64String(stored[(colon + 1)..]), field, Aes(KeyNamed(keyId, field))));
    }

    public byte[] Protect(byte[] value, string field)
    {
        var id = Encoding.ASCII.GetBytes(_activeKeyId);
        var sealedBytes = Seal(value, field, Aes(_activeKeyId));
        var stored = new byte[2 + id.Length + sealedBytes.Length];
        stored[0] = BytesVersion;
        stored[1] = (byte)id.Length;
        id.CopyTo(stored, 2);
        sealedBytes.CopyTo(stored, 2 + id.Length);
        return stored;
    }

    public byte[] Unprotect(byte[] stored, string field)
    {
        if (stored.Length < 2 || stored[0] != BytesVersion || stored.Length < 2 + stored[1] + NonceSize + TagSize)
            throw new CryptographicException($"A value of {field} is not encrypted: the database was written without encryption, or altered.");
        var keyId = Encoding.ASCII.GetString(stored, 2, stored[1]);
        return Open(stored.AsSpan(2 + stored[1]).ToArray(), field, Aes(KeyNamed(keyId, field)));
    }

    /// <summary>The id of the key <paramref name="stored"/> was written with; null for a value never encrypted.</summary>
    public static string? KeyIdOf(object stored) => stored switch
    {
        string text when text.StartsWith(TextPrefix, StringComparison.Ordinal) && text.IndexOf(':', TextPrefix.Length) is var colon and > 0
            => text[TextPrefix.Length..colon],
        byte[] bytes when bytes.Length >= 2 + NonceSize + TagSize + Block && bytes[0] == BytesVersion && bytes.Length >= 2 + bytes[1] + NonceSize + TagSize + Block
            => Encoding.ASCII.GetString(bytes, 2, bytes[1]),
        _ => null,
    };

    /// <summary>
    /// The blind index of <paramref name="value"/> for <paramref name="field"/>: dates as yyyy-MM-dd, text
    /// trimmed, case-folded and in one Unicode form, so that equal values written differently still meet.
    /// </summary>
    public string BlindIndex(object value, string field)
    {
        var normalised = value switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            string s => s.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant(),
            _ => throw new ArgumentException($"No blind index for a {value.GetType().Name}.", nameof(value)),
        };
        var mac = HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(field + "\n" + normalised));
        return Convert.ToHexString(mac, 0, 16).ToLowerInvariant();
    }

    private string KeyNamed(string keyId, string field) =>
        _keys.ContainsKey(keyId) ? keyId
            : throw new CryptographicException($"A value of {field} was written with key '{keyId}', which PersonalData:Keys no longer holds.");

    private AesGcm Aes(string keyId)
    {
        var mine = _aes.Value!;
        if (!mine.TryGetValue(keyId, out var aes))
            mine[keyId] = aes = new AesGcm(_keys[keyId], TagSize);
        return aes;
    }

    // nonce | tag | ciphertext of the plaintext padded to a multiple of 16 bytes, so a length tells little.
    private static byte[] Seal(byte[] plain, string field, AesGcm aes)
    {
        var padded = new byte[(plain.Length / Block + 1) * Block];
        plain.CopyTo(padded, 0);
        padded[plain.Length] = 0x80;
        var result = new byte[NonceSize + TagSize + padded.Length];
        var nonce = result.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, padded, result.AsSpan(NonceSize + TagSize), result.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(field));
        return result;
    }

    private static byte[] Open(byte[] sealedBytes, string field, AesGcm aes)
    {
        if (sealedBytes.Length < NonceSize + TagSize + Block)
            throw new CryptographicException($"A value of {field} is too short to be encrypted.");
        var padded = new byte[sealedBytes.Length - NonceSize - TagSize];
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), padded, Encoding.UTF8.GetBytes(field));
        var end = Array.LastIndexOf(padded, (byte)0x80);
        if (end < 0 || padded.AsSpan(end + 1).ContainsAnyExcept((byte)0))
            throw new CryptographicException($"A value of {field} has bad padding.");
        return padded[..end];
    }

    private static byte[] Key(IConfiguration configuration, string setting) =>
        SecretSetting.Bytes(configuration, setting, "32 random bytes in base64, e.g. from `openssl rand -base64 32`.");
}
