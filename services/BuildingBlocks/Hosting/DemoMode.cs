using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// The demo parties and keys (services/Host/parties.demo.json, keys.demo.json) are public: anyone can read their
/// API keys, signing keys, operator password and data keys in the repository. A process uses them only in demo
/// mode (<c>Mediation:Demo true</c>; the embedded host's default when it is given no parties file), and says so
/// when it starts. Outside it, a process refuses to start on plain secrets (<c>ApiKey</c>, <c>DemoPrivateKey</c>,
/// <c>Password</c>) or on any value of the demo files: a deployment pointed at them by mistake stops, loudly.
/// </summary>
public static class DemoMode
{
    public const string Setting = "Mediation:Demo";

    /// <summary>
    /// SHA-256 (hex) of every secret and key in the demo files — fingerprints, so that no image or program carries
    /// the secrets themselves. A value is refused if its fingerprint is here, or if it is one (an <c>ApiKeySha256</c>
    /// of a demo key). <c>DemoSecretsTests</c> checks the list against the files.
    /// </summary>
    private static readonly HashSet<string> DemoFingerprints = new(StringComparer.Ordinal)
    {
        "679977c99a6eb7b380609675c6e83b4e1a24627e4bed3e5fac6c26c2f2ccdd56", // requester-1's ApiKey
        "89306e05157b45f0b9d9a8c33645c51ac6708a2df38bb8e05fba71dbebd80172", // requester-1's PublicKey
        "8366872b22609ab7431e8327d57bbacb3939e985afcde5de23613a0375a9f803", // requester-1's DemoPrivateKey
        "02dda1d67f82d278c390c2c73d7cd2a3c4b1244f9bd72face35e11d3727a8f22", // requester-2's ApiKey
        "2774138f54892e73634faa70141b6e0d974ee771cb493e2f93e1802979ea9db9", // requester-2's PublicKey
        "aad59859e73e58ca9983b84b3e06f4d435ba1aa327032af61bb6dc5db77a5c1e", // requester-2's DemoPrivateKey
        "62955d6e856ef1448cab488b2f78b1cbb99aee0f8684feaa86c299ce49a10ab0", // holder-1's ApiKey
        "5e4c88ebdfef2c2a139cf25b33324850a17244c125258f76641bed4774b38e82", // holder-1's PublicKey
        "738ba0471ea6199be1081303ff60b72a350b37fb913cffd872298dd342340114", // holder-1's DemoPrivateKey
        "429baeec5c1115765217713c6ea88fd3b00fb58d9fe97277fdb3d34bc2301281", // holder-2's ApiKey
        "a7863a616ef92e1199ec4c4448c69a219039b8223f6c1b7eb20fd990bcd34449", // holder-2's PublicKey
        "31bdcd388fddcdfd91a291e6d187f9d5d8a5347edefd6f8ad1708633cb51c678", // holder-2's DemoPrivateKey
        "0b2ab6d96f2acc3f6382709d34a26a80a741889dc022fc7ca77cceebe436a0c7", // mediator's ApiKey
        "e04d8f93445537b1336729be703586d551da5f1a39c453687039c22290459aea", // mediator's PublicKey
        "84b1fb58215102cd098d629b7ba24ae5e5dad16adcc3b8f2decc8bff5218c6d4", // mediator's DemoPrivateKey
        "955eddc9f395a2193060dfba79cc880aa5efbc0710cbd61e84a2fc06185a2dae", // observer's ApiKey
        "17c109eff4237782281ba07bc39acea5dae0e96c11e565848bbcc191ee1c98c4", // observer's PublicKey
        "85e384544cf00628cef7809210f3d0e00d8fdeec983c8418817ce855b30c50b9", // observer's DemoPrivateKey
        "d3d7d4a235fef4f3ad986a76c6a154fece4789fe06b4c6499f20ab172a507078", // operator-1's Password
        "f14cb37b1cc6fb476f15ce0ee05e84eea6f6d002804e47732930c9cd392a92a2", // observer-1's Password
        "d4588b6a624c69ce9951a58a2d445da5fb99cd0bc14f921623c502c4cf1206ba", // PersonalData:Keys:demo-1
        "49c8a7ddf8328f0d3fa8285bd5f0e6411817bf11f5622ad3fe5d1a2f8a1fe157", // PersonalData:IndexKey
        "4917355a0b83c771a91b77676c90ffdc85a6a90d8ab40eaa4e565925c21b3734", // Audit:ChainKey
    };

    /// <summary>Entries that hold a secret in plain text, for demo files only: the last segment of a setting's key.</summary>
    private static readonly (string Section, string Entry)[] PlainSecrets =
        [("Parties", "ApiKey"), ("Parties", "DemoPrivateKey"), ("Operations", "Password")];

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue(Setting, false);

    /// <summary>Throws <see cref="StartRefused"/> when a process outside demo mode is configured with demo or plain secrets.</summary>
    public static void Check(IConfiguration configuration)
    {
        if (IsOn(configuration))
            return;
        var problems = new List<string>();
        foreach (var (key, value) in EverySource(configuration))
        {
            var segments = key.Split(':');
            if (PlainSecrets.Any(p => segments.Length > 2 && segments[0].Equals(p.Section, StringComparison.OrdinalIgnoreCase)
                                      && segments[^1].Equals(p.Entry, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"{key} is a secret in plain text (demo files only; a deployment gives {(segments[^1].Equals("Password", StringComparison.OrdinalIgnoreCase) ? "PasswordHash" : segments[^1].Equals("ApiKey", StringComparison.OrdinalIgnoreCase) ? "ApiKeySha256" : "only the PublicKey")})");
            else if (IsDemoSecret(value))
                problems.Add($"{key} holds a public demo secret");
        }
        if (problems.Count > 0)
            throw new StartRefused(
                "Mediation refuses to start: its configuration holds secrets anyone can read in the repository.\n  " +
                string.Join("\n  ", problems) + "\n" +
                "Make this deployment's own with scripts/secrets.sh (docs/security.md, \"A deployment's own secrets\"), " +
                $"or, to try the system only, start in demo mode ({Setting} true).");
    }

    /// <summary>
    /// Every value of every source, those another source overrides included: a demo secret left in the environment
    /// or a file is a deployment's mistake even where a later source hides it.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> EverySource(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
            return configuration.AsEnumerable().Where(e => !string.IsNullOrEmpty(e.Value)).Select(e => (e.Key, e.Value!));
        var found = new SortedSet<(string Key, string Value)>();
        foreach (var provider in root.Providers)
        {
            var pending = new Stack<string?>([null]);
            while (pending.TryPop(out var parent))
                foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    var key = parent is null ? child : parent + ":" + child;
                    if (provider.TryGet(key, out var value) && !string.IsNullOrEmpty(value))
                        found.Add((key, value));
                    pending.Push(key);
                }
        }
        return found.DistinctBy(e => e.Key + "\n" + e.Value);
    }

    /// <summary>One line at start in demo mode, so that nobody mistakes a demo for a deployment.</summary>
    public static void Announce(IConfiguration configuration, ILogger logger)
    {
        if (IsOn(configuration))
            logger.LogWarning("DEMO MODE: this process runs on the public demo parties and keys (API keys, signing keys, operator password and data keys anyone can read in the repository); for trying the system only, never for a deployment (docs/security.md).");
    }

    private static bool IsDemoSecret(string value) =>
        DemoFingerprints.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value))))
        || (value.Length == 64 && DemoFingerprints.Contains(value.ToLowerInvariant()));
}
