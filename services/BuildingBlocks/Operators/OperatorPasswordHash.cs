using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mediation.BuildingBlocks.Operators;

/// <summary>
/// An operator's password as the parties file keeps it: <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>
/// (salt and hash in base64). PBKDF2 with a salt of its own per password, so that a stolen file costs an
/// attacker a slow guess per password rather than one fast lookup for all of them; the iteration count travels
/// with the hash, so it can be raised for new passwords without breaking the old ones.
/// </summary>
public sealed class OperatorPasswordHash
{
    public const string Scheme = "pbkdf2-sha256";
    /// <summary>What new hashes are made with: a few hundred milliseconds per guess on one core.</summary>
    public const int DefaultIterations = 600_000;
    private const int MinIterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _iterations;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private OperatorPasswordHash(int iterations, byte[] salt, byte[] hash) => (_iterations, _salt, _hash) = (iterations, salt, hash);

    public static string Create(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, iterations);
        return $"{Scheme}${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>The hash in <paramref name="text"/>, or an error that says what a hash must look like.</summary>
    public static OperatorPasswordHash Parse(string text, string whose)
    {
        var parts = text.Split('$');
        try
        {
            if (parts is [Scheme, var iterations, var salt, var hash]
                && int.TryParse(iterations, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= MinIterations)
            {
                var (s, h) = (Convert.FromBase64String(salt), Convert.FromBase64String(hash));
                if (s.Length >= SaltBytes && h.Length == HashBytes)
                    return new OperatorPasswordHash(n, s, h);
            }
        }
        catch (FormatException)
        {
        }
        throw new InvalidOperationException(
            $"{whose}:PasswordHash must be '{Scheme}$<iterations, {MinIterations}+>$<salt, base64>$<hash, base64>', as made by " +
            "'dotnet Mediation.Host.dll hash-password' or scripts/secrets.sh.");
    }

    public bool Matches(string password) => CryptographicOperations.FixedTimeEquals(_hash, Derive(password, _salt, _iterations));

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
