using Mediation.Api.Custody;

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
        var receipt = ReceiptFiles.Receipt(File.ReadAllText(args[1]));
        var problems = ReceiptVerifier.Problems(receipt, ReceiptFiles.PublicKeys(File.ReadAllText(args[2])), args.Length == 4 ? args[3] : null);
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
}
