using Mediation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// The secret the audit chain's hashes are keyed with (<c>Audit:ChainKey</c>, base64, at least 32 bytes), kept
/// in the keys file (<c>Mediation:KeysFile</c>) beside the personal-data keys. Whoever can write to a database
/// but lacks the key cannot recompute the chain after editing it.
/// </summary>
public sealed class AuditChainKey
{
    public const string Setting = "Audit:ChainKey";
    private const int MinimumBytes = 32;

    public AuditChainKey(byte[] bytes)
    {
        if (bytes.Length < MinimumBytes)
            throw new InvalidOperationException($"{Setting} must be at least {MinimumBytes} bytes (base64).");
        Bytes = bytes;
    }

    public byte[] Bytes { get; }

    public static AuditChainKey FromConfiguration(IConfiguration configuration) =>
        new(SecretSetting.Bytes(configuration, Setting,
            $"a base64 secret of at least {MinimumBytes} bytes (e.g. `openssl rand -base64 32`) that keys " +
            "the audit log's hash chain; give it in the keys file (Mediation:KeysFile) or as a setting (see docs/security.md)."));
}
