using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// The secret the audit chain's hashes are keyed with (<c>Audit:ChainKey</c>, base64, at least 32 bytes).
/// Whoever can write to a database but lacks the key cannot recompute the chain after editing it.
/// </summary>
public sealed class AuditChainKey
{
    public const string Setting = "Audit:ChainKey";

    /// <summary>The demo key of the embedded host and Development processes: public, so it protects nothing.</summary>
    public const string Demo = "ZGVtby1hdWRpdC1jaGFpbi1rZXktbm90LWZvci1wcm9kdWN0aW9uIQ==";

    private const int MinimumBytes = 32;

    public AuditChainKey(byte[] bytes)
    {
        if (bytes.Length < MinimumBytes)
            throw new InvalidOperationException($"{Setting} must be at least {MinimumBytes} bytes (base64).");
        Bytes = bytes;
    }

    public byte[] Bytes { get; }

    public static AuditChainKey FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[Setting];
        if (string.IsNullOrEmpty(text))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException(
                    $"{Setting} is required: a base64 secret of at least {MinimumBytes} bytes (e.g. `openssl rand -base64 32`) that keys the audit log's hash chain.");
            text = Demo;
        }
        try
        {
            return new AuditChainKey(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Setting} is not base64.");
        }
    }
}
