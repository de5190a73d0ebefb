using System.Text.Json;
using Google.Protobuf;
using Mediation.Api.Custody;
using Proto = Mediation.Api.Handover.V1;

namespace Mediation.Handover.Api;

/// <summary>
/// <c>verify-receipt &lt;receipt.json&gt; &lt;parties.json&gt; [head_hash]</c>: the offline check of a custody receipt
/// from the command line. The receipt is GetCustodyChain's answer in protobuf JSON (as grpcurl prints it); the
/// parties file is the deployment's (only each party's PublicKey is read); a head_hash kept from an earlier
/// receipt of the case must still be in it (the one cut no signature can show is the end's).
/// </summary>
public static class ReceiptCommand
{
    public static bool Requested(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != "verify-receipt")
            return false;
        if (args.Length is not (3 or 4))
        {
            Console.Error.WriteLine("usage: verify-receipt <receipt.json> <parties.json> [<head_hash kept from an earlier receipt>]");
            exitCode = 2;
            return true;
        }
        var json = File.ReadAllText(args[1]);
        var parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
        var receipt = json.Contains("\"chain\"", StringComparison.Ordinal)
            ? parser.Parse<Proto.GetCustodyChainResponse>(json).Chain
            : parser.Parse<Proto.CustodyChain>(json);
        var problems = ReceiptVerifier.Problems(receipt, PublicKeys(args[2]), args.Length == 4 ? args[3] : null);
        if (problems.Count == 0)
        {
            Console.WriteLine($"receipt valid: {receipt.Case}, {receipt.Entries.Count} signed entries from {receipt.OriginCustodian}, head {receipt.HeadHash}, custodian {receipt.CurrentCustodian}");
            return true;
        }
        foreach (var problem in problems)
            Console.WriteLine("invalid: " + problem);
        exitCode = 1;
        return true;
    }

    private static Dictionary<string, string> PublicKeys(string partiesFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(partiesFile));
        return doc.RootElement.GetProperty("Parties").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("PublicKey", out _))
            .ToDictionary(p => "parties/" + p.Name, p => p.Value.GetProperty("PublicKey").GetString()!);
    }
}
