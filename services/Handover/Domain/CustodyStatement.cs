using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mediation.Handover.Domain;

/// <summary>
/// What a party signs when it acknowledges a leg for a child, in the one canonical text that partners
/// rebuild on their side (documented in handover.proto), and how entries of a custody chain link by hash.
/// The statement names where the child's custody started (<paramref name="Origin"/>: the case's holding
/// party) and the hash of the entry before it (<paramref name="Previous"/>), so the signatures themselves
/// hold the chain together: an entry cannot be dropped, moved or put first without a signature failing.
/// </summary>
public sealed record CustodyStatement(string Case, string Origin, string Previous, string Batch, int Leg, CustodyRole Role, string From, string To, string Party, string Place, DateTime Time)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public string Text => string.Join('\n',
        "mediation.custody.v2",
        $"case:{Case}",
        $"origin:{Origin}",
        $"previous:{Previous}",
        $"batch:{Batch}",
        $"leg:{Leg.ToString(CultureInfo.InvariantCulture)}",
        $"role:{(Role == CustodyRole.Giver ? "GIVER" : "RECEIVER")}",
        $"from:{From}",
        $"to:{To}",
        $"party:{Party}",
        $"place:{Place}",
        $"time:{FormatTime(Time)}");

    /// <summary>True when <paramref name="signature"/> (r||s) is the holder of <paramref name="publicKey"/>'s ECDSA P-256 signature of this statement.</summary>
    public bool IsSignedWith(string publicKey, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
            return false;
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        return key.VerifyData(Encoding.UTF8.GetBytes(Text), signature, HashAlgorithmName.SHA256);
    }

    public string EntryHash(ReadOnlySpan<byte> signature) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Previous}\n{Text}\n{Convert.ToBase64String(signature)}")));

    public static string FormatTime(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
