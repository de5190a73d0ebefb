using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Operators;

/// <summary>
/// The operators of this deployment and their password hashes (<c>Operations:Operators:&lt;name&gt;:PasswordHash</c>),
/// read once from configuration; a plain <c>Password</c> is for demo files only (see <c>DemoMode</c>). Each signs in
/// with a role (<c>Role</c>): <c>Operator</c>, the mediator's operators (the default), or <c>Observer</c>, the
/// observer's people, who see the aggregate reports and nothing else.
/// </summary>
public sealed class OperatorDirectory
{
    private readonly IReadOnlyDictionary<string, OperatorPasswordHash> _hashes;
    private readonly IReadOnlyDictionary<string, string> _roles;
    // The dashboard polls every 2 s with the operator's Basic credentials: a slow hash at every poll would cost
    // a core. A password seen right once is remembered as a keyed digest (the key never leaves this process),
    // so only wrong or new passwords pay the slow hash — which is what an attacker sends.
    private readonly byte[] _rememberKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, byte[]> _remembered = new(StringComparer.Ordinal);

    public OperatorDirectory(IReadOnlyDictionary<string, OperatorPasswordHash> hashes, IReadOnlyDictionary<string, string>? roles = null) =>
        (_hashes, _roles) = (hashes, roles ?? new Dictionary<string, string>());

    /// <summary>The role <paramref name="name"/> signs in with: <see cref="OperatorAuthentication.OperatorRole"/> unless configured otherwise.</summary>
    public string RoleOf(string name) => _roles.GetValueOrDefault(name, OperatorAuthentication.OperatorRole);

    public bool Verify(string name, string password)
    {
        if (!_hashes.TryGetValue(name, out var hash))
            return false;
        var digest = HMACSHA256.HashData(_rememberKey, Encoding.UTF8.GetBytes(password));
        if (_remembered.TryGetValue(name, out var known) && CryptographicOperations.FixedTimeEquals(known, digest))
            return true;
        if (!hash.Matches(password))
            return false;
        _remembered[name] = digest;
        return true;
    }

    public static OperatorDirectory FromConfiguration(IConfiguration configuration)
    {
        var hashes = new Dictionary<string, OperatorPasswordHash>(StringComparer.Ordinal);
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection("Operations:Operators").GetChildren())
        {
            var whose = $"Operations:Operators:{section.Key}";
            if (section["PasswordSha256"] is { Length: > 0 })
                throw new InvalidOperationException(
                    $"{whose}:PasswordSha256 is no longer accepted (an unsalted hash is guessed fast): give PasswordHash, made by 'dotnet Mediation.Host.dll hash-password'.");
            hashes[section.Key] = section["PasswordHash"] is { Length: > 0 } text ? OperatorPasswordHash.Parse(text, whose)
                : section["Password"] is { Length: > 0 } plain ? OperatorPasswordHash.Parse(OperatorPasswordHash.Create(plain), whose)
                : throw new InvalidOperationException($"Operator '{section.Key}' needs a PasswordHash (or, in a demo file, a Password).");
            roles[section.Key] = section["Role"]?.ToLowerInvariant() switch
            {
                null or "" or OperatorAuthentication.OperatorRole => OperatorAuthentication.OperatorRole,
                OperatorAuthentication.ObserverRole => OperatorAuthentication.ObserverRole,
                var other => throw new InvalidOperationException($"{whose}:Role is '{other}': Operator (the default) or Observer."),
            };
        }
        return new OperatorDirectory(hashes, roles);
    }
}
