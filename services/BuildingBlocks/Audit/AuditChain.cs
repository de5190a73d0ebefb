using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// How an entry's hash is made: HMAC-SHA256 under the chain key over a JSON array of every field and the
/// previous entry's hash. A JSON array is unambiguous where plain concatenation is not ("ab"+"c" = "a"+"bc").
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>Times are kept to the microsecond: what PostgreSQL stores, so a hash reads back the same.</summary>
    public static DateTime Truncated(DateTime at) =>
        new(at.Ticks - at.Ticks % (TimeSpan.TicksPerMillisecond / 1000), DateTimeKind.Utc);

    public static string HashOf(AuditEntry entry, AuditChainKey key)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(entry.Sequence);
            json.WriteStringValue(entry.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteStringValue(entry.Service);
            json.WriteStringValue(entry.PartyId);
            Nullable(json, entry.Officer);
            json.WriteStringValue(entry.Call);
            Nullable(json, entry.CaseId);
            json.WriteStringValue(entry.Outcome);
            json.WriteStringValue(entry.PreviousHash);
            json.WriteEndArray();
        }
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, buffer.WrittenSpan));
    }

    /// <summary>Gives <paramref name="entry"/> its place after <paramref name="previous"/> (null: the first) and its hash.</summary>
    public static void Link(AuditEntry entry, AuditEntry? previous, AuditChainKey key)
    {
        entry.Sequence = (previous?.Sequence ?? 0) + 1;
        entry.PreviousHash = previous?.Hash ?? Genesis;
        entry.Hash = HashOf(entry, key);
    }

    private static void Nullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
            json.WriteNullValue();
        else
            json.WriteStringValue(value);
    }
}
