using Mediation.Api.Handover.V1;
using Proto = Mediation.Api.Handover.V1;

namespace Mediation.Api.Custody;

/// <summary>
/// Checks a custody receipt (the answer of GetCustodyChain) offline, with nothing but the parties' public
/// keys: every statement's signature, that each statement was signed by the side it speaks for, every
/// hash link, that custody starts with the receipt's origin and moves leg by leg. Each signature covers
/// the origin and the hash of the entry before, so an entry changed, removed, reordered, re-signed by
/// another party, or a chain cut at its start and relinked, shows. What it cannot tell alone is entries
/// cut off the end: a party that kept a head_hash it received passes it as <c>keptHead</c>.
/// The handover service's command line and the client library both check receipts with it.
/// </summary>
public static class ReceiptVerifier
{
    /// <summary>The custodian at the end of every chain: the relative who receives the child.</summary>
    public const string Claimant = "claimant";

    /// <summary>The statement an entry of a receipt stands for, or null when it lacks a role or a time.</summary>
    public static CustodyStatement? StatementOf(Proto.CustodyChain receipt, Proto.CustodyEntry e) =>
        e.Role is not (CustodyRole.Giver or CustodyRole.Receiver) || e.AcknowledgeTime is null
            ? null
            : new CustodyStatement(receipt.Case, receipt.OriginCustodian, e.PreviousHash, e.Batch, e.Leg, e.Role, e.FromCustodian, e.ToCustodian, e.Party, e.Place, e.AcknowledgeTime.ToDateTime());

    /// <summary>What is wrong with the receipt; empty when every check holds.</summary>
    /// <param name="receipt">GetCustodyChain's chain.</param>
    /// <param name="publicKeys">Base64 SubjectPublicKeyInfo by party resource name (<c>parties/{id}</c>).</param>
    /// <param name="keptHead">A head_hash of this case's chain received earlier: it must still be one of the receipt's entries.</param>
    public static IReadOnlyList<string> Problems(Proto.CustodyChain receipt, IReadOnlyDictionary<string, string> publicKeys, string? keptHead = null)
    {
        var problems = new List<string>();
        var previous = CustodyStatement.Genesis;
        var lastTime = DateTime.MinValue;
        var acknowledged = new HashSet<(string Batch, int Leg, Proto.CustodyRole Role)>();
        // Custody starts with the holding party: the receipt says which, and every signature covers it.
        var custodian = receipt.OriginCustodian;
        if (receipt.Entries.Count > 0 && !publicKeys.ContainsKey(receipt.OriginCustodian))
            problems.Add($"origin_custodian '{receipt.OriginCustodian}' is no known party: the receipt does not say where custody started");
        for (var i = 0; i < receipt.Entries.Count; i++)
        {
            var e = receipt.Entries[i];
            var at = $"entry {i + 1}";
            if (e.Sequence != i + 1)
                problems.Add($"{at}: sequence {e.Sequence}, expected {i + 1}");
            if (StatementOf(receipt, e) is not { } statement)
            {
                problems.Add($"{at}: no role or time");
                continue;
            }
            var (role, time) = (statement.Role, statement.Time);
            var signature = e.Signature.ToByteArray();

            if (!publicKeys.TryGetValue(e.Party, out var key))
                problems.Add($"{at}: no public key for {e.Party}");
            else if (!statement.IsSignedWith(key, signature))
                problems.Add($"{at}: the signature is not {e.Party}'s signature of this statement (its origin {receipt.OriginCustodian}, previous hash, leg, parties, place and time)");
            var speaksFor = role == CustodyRole.Giver ? e.FromCustodian : e.ToCustodian;
            // The claimant's receipt is acknowledged by the party that hands the child to the claimant.
            if (e.Party != speaksFor && !(role == CustodyRole.Receiver && e.ToCustodian == Claimant && e.Party == e.FromCustodian))
                problems.Add($"{at}: {e.Party} cannot acknowledge as {role.ToString().ToLowerInvariant()} of {e.FromCustodian} → {e.ToCustodian}");

            if (e.PreviousHash != previous)
                problems.Add(i == 0
                    ? $"{at}: previous_hash is not 64 zeros: the chain does not start here (entries before it were cut)"
                    : $"{at}: previous_hash does not match the entry before it");
            var hash = statement.EntryHash(signature);
            if (e.EntryHash != hash)
                problems.Add($"{at}: entry_hash does not match its content");
            previous = e.EntryHash;

            if (time < lastTime)
                problems.Add($"{at}: acknowledged before the entry it follows");
            lastTime = time;

            // Custody moves leg by leg: a leg starts only from the current custodian once the leg before it is done.
            if (e.Leg > 1 && !(acknowledged.Contains((e.Batch, e.Leg - 1, Proto.CustodyRole.Giver)) && acknowledged.Contains((e.Batch, e.Leg - 1, Proto.CustodyRole.Receiver))))
                problems.Add($"{at}: leg {e.Leg} acknowledged before leg {e.Leg - 1} of {e.Batch} was done");
            var legStarted = acknowledged.Contains((e.Batch, e.Leg, Proto.CustodyRole.Giver)) || acknowledged.Contains((e.Batch, e.Leg, Proto.CustodyRole.Receiver));
            if (!legStarted && e.FromCustodian != custodian)
                problems.Add(i == 0
                    ? $"{at}: custody started with {custodian}, but the first entry hands the child over from {e.FromCustodian}"
                    : $"{at}: the leg starts from {e.FromCustodian}, but the child is with {custodian}");
            if (!acknowledged.Add((e.Batch, e.Leg, e.Role)))
                problems.Add($"{at}: leg {e.Leg} of {e.Batch} acknowledged twice by its {role.ToString().ToLowerInvariant()}");
            if (acknowledged.Contains((e.Batch, e.Leg, Proto.CustodyRole.Giver)) && acknowledged.Contains((e.Batch, e.Leg, Proto.CustodyRole.Receiver)))
                custodian = e.ToCustodian;
        }
        if (receipt.HeadHash != (receipt.Entries.Count == 0 ? "" : previous))
            problems.Add("head_hash is not the last entry's hash");
        if (receipt.State is Proto.HandoverCaseState.Reunited or Proto.HandoverCaseState.Closed && custodian != Claimant)
            problems.Add($"the receipt says {receipt.State}, but its entries leave the child with {custodian}");
        if (!string.IsNullOrEmpty(keptHead) && receipt.Entries.All(e => e.EntryHash != keptHead))
            problems.Add($"no entry has the head_hash you kept ({keptHead}): entries were cut from the end of the chain, or it is another case's");
        return problems;
    }
}
