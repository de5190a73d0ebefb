using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Mediation.Api.Custody;
using Mediation.Api.Handover.V1;

namespace Mediation.Client;

/// <summary>
/// The party's ECDSA P-256 private key, which signs its custody statements. It stays on the party's own
/// systems: only signatures leave. Its public half is the party's <c>PublicKey</c> in the deployment's parties file.
/// </summary>
public sealed class CustodyKey : IDisposable
{
    private readonly ECDsa _key;

    private CustodyKey(ECDsa key)
    {
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new ArgumentException("A custody key is ECDSA P-256.");
        }
        _key = key;
    }

    /// <summary>From PEM text: <c>-----BEGIN PRIVATE KEY-----</c> (PKCS#8) or <c>-----BEGIN EC PRIVATE KEY-----</c>.</summary>
    public static CustodyKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException("Not an EC private key in PEM form (BEGIN PRIVATE KEY or BEGIN EC PRIVATE KEY).", nameof(pem), e);
        }
        return new CustodyKey(key);
    }

    public static CustodyKey FromPemFile(string path) => FromPem(File.ReadAllText(path));

    /// <summary>From PKCS#8 bytes (the base64 <c>DemoPrivateKey</c> of the demo parties file, decoded).</summary>
    public static CustodyKey FromPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ArgumentException("Not a PKCS#8 EC private key.", nameof(pkcs8), e);
        }
        return new CustodyKey(key);
    }

    /// <summary>Base64 SubjectPublicKeyInfo: what the deployment's parties file holds as this party's <c>PublicKey</c>.</summary>
    public string PublicKey => Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

    /// <summary>The signature of <paramref name="statement"/>'s text (UTF-8), ECDSA over SHA-256, r||s in 64 bytes.</summary>
    public byte[] Sign(CustodyStatement statement) => _key.SignData(Encoding.UTF8.GetBytes(statement.Text), HashAlgorithmName.SHA256);

    /// <summary>
    /// <paramref name="party"/>'s acknowledgement of <paramref name="leg"/> for the case of <paramref name="chain"/>
    /// (its custody chain as it reads now: the statement signs over its origin and head), at <paramref name="at"/>
    /// (now by default), signed with this key. Its request id is left for the caller to choose.
    /// </summary>
    public AcknowledgeCustodyRequest SignAcknowledgement(CustodyChain chain, string batch, Leg leg, CustodyRole role, string party, DateTime? at = null)
    {
        var statement = CustodyStatement.For(chain, batch, leg, role, party, at ?? DateTime.UtcNow);
        return new AcknowledgeCustodyRequest
        {
            Batch = batch,
            Case = chain.Case,
            Leg = leg.Number,
            Role = role,
            AcknowledgeTime = Timestamp.FromDateTime(statement.Time),
            Signature = ByteString.CopyFrom(Sign(statement)),
            PreviousHash = statement.Previous,
        };
    }

    public void Dispose() => _key.Dispose();
}
