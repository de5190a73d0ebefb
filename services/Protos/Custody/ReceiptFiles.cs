using System.Text.Json;
using Google.Protobuf;
using Proto = Mediation.Api.Handover.V1;

namespace Mediation.Api.Custody;

/// <summary>
/// What an offline receipt check reads: a receipt kept as JSON, and the deployment's parties file. The
/// handover service's <c>verify-receipt</c> and the <c>mediation receipt verify</c> command read them alike.
/// </summary>
public static class ReceiptFiles
{
    /// <summary>
    /// A receipt in protobuf JSON: GetCustodyChain's answer (as grpcurl, curl or <c>--json</c> print it) or its
    /// bare chain. Throws <see cref="InvalidProtocolBufferException"/>, <see cref="InvalidJsonException"/> or
    /// <see cref="FormatException"/> when it is neither.
    /// </summary>
    public static Proto.CustodyChain Receipt(string json)
    {
        var parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
        return json.Contains("\"chain\"", StringComparison.Ordinal)
            ? parser.Parse<Proto.GetCustodyChainResponse>(json).Chain
            : parser.Parse<Proto.CustodyChain>(json);
    }

    /// <summary>
    /// Each party's public key (base64 SubjectPublicKeyInfo) by resource name, <c>parties/{id}</c>, from a parties
    /// file (an object "Parties"; only each party's PublicKey is read). Throws <see cref="JsonException"/>,
    /// <see cref="KeyNotFoundException"/> or <see cref="InvalidOperationException"/> when it is not one.
    /// </summary>
    public static Dictionary<string, string> PublicKeys(string partiesJson)
    {
        using var doc = JsonDocument.Parse(partiesJson);
        return doc.RootElement.GetProperty("Parties").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("PublicKey", out _))
            .ToDictionary(p => "parties/" + p.Name, p => p.Value.GetProperty("PublicKey").GetString()!);
    }
}
