using Mediation.IntegrationTests;

namespace Mediation.CliTests;

/// <summary>The demo parties' officers at the command line, each with its party's key, and its signing key as a PEM file.</summary>
public static class Officers
{
    public static MediationProcess Of(EmbeddedHost host, string party) => new(host.Address, host.Keys.KeyOf(party), party);

    /// <summary>The party's demo private key as the PEM file a party keeps (PKCS#8, BEGIN PRIVATE KEY).</summary>
    public static string KeyFile(EmbeddedHost host, string party, string folder)
    {
        var path = Path.Combine(folder, party + ".pem");
        var base64 = host.Keys.SigningKeyOf(party);
        var lines = Enumerable.Range(0, (base64.Length + 63) / 64).Select(i => base64.Substring(i * 64, Math.Min(64, base64.Length - i * 64)));
        File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\n" + string.Join("\n", lines) + "\n-----END PRIVATE KEY-----\n");
        return path;
    }
}
