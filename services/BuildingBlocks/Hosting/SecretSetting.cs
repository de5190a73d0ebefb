using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>A secret given in base64 in the settings (the keys file, usually): its bytes, or a start-up error that says what is wrong.</summary>
public static class SecretSetting
{
    /// <param name="whatItIs">Told when the setting is missing: what it must hold and what it is for.</param>
    public static byte[] Bytes(IConfiguration configuration, string setting, string whatItIs)
    {
        var text = configuration[setting];
        if (string.IsNullOrEmpty(text))
            throw new InvalidOperationException($"{setting} is required: {whatItIs}");
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not base64.");
        }
    }
}
