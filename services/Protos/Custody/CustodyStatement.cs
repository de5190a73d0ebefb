using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mediation.Api.Handover.V1;

namespace Mediation.Api.Custody;

/// <summary>
/// What a party signs when it acknowledges a leg for a child, in the one canonical text of handover.proto
/// that the service checks and a partner rebuilds on its side, and how entries of a custody chain link by
/// hash. It lives beside the generated types because it is part of the API's contract: the handover
/// service and the client library use this same code, so the two cannot drift apart.
/// The statement names where the child's custody started (<paramref name="Origin"/>: the case's holding
/// party) and the hash of the entry before it (<paramref name="Previous"/>), so the signatures themselves
/// hold the chain together: an entry cannot be dropped, moved or put first without a signature failing.
/// </summary>
public sealed record CustodyStatement(string Case, string Origin, string Previous, string Batch, int Leg, CustodyRole Role, string From, string To, string Party, string Place, DateTime Time)
{
    /// <summary>The <c>previous</c> of a chain's first entry: 64 zeros.</summary>
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

    /// <summary>The statement acknowledging <paramref name="leg"/> for the case of <paramref name="chain"/> as it reads now (its origin and head).</summary>
    public static CustodyStatement For(CustodyChain chain, string batch, Leg leg, CustodyRole role, string party, DateTime time) =>
        new(chain.Case, chain.OriginCustodian, chain.Entries.Count == 0 || chain.HeadHash.Length == 0 ? Genesis : chain.HeadHash, batch, leg.Number, role,
            leg.FromCustodian, leg.ToCustodian, party, leg.Place, WholeMilliseconds(time));

    /// <summary>True when <paramref name="signature"/> (r||s) is the holder of <paramref name="publicKey"/>'s ECDSA P-256 signature of this statement.</summary>
    /// <param name="publicKey">Base64 SubjectPublicKeyInfo, as in the parties file.</param>
    /// <param name="signature">The entry's or the request's signature.</param>
    public bool IsSignedWith(string publicKey, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
            return false;
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        return key.VerifyData(Encoding.UTF8.GetBytes(Text), signature, HashAlgorithmName.SHA256);
    }

    /// <summary>The entry's hash: lowercase hex of SHA-256 over UTF-8 of previous, the statement and the base64 signature, one a line.</summary>
    public string EntryHash(ReadOnlySpan<byte> signature) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Previous}\n{Text}\n{Convert.ToBase64String(signature)}")));

    public static string FormatTime(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The statement carries milliseconds and the service takes whole ones: anything finer would sign another instant than the one sent.</summary>
    public static DateTime WholeMilliseconds(DateTime time)
    {
        var utc = time.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}
