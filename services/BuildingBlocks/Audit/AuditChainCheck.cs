namespace Mediation.BuildingBlocks.Audit;

public enum ChainBreakKind
{
    /// <summary>The entry's fields no longer give its hash: it was edited (or hashed with another key).</summary>
    EditedEntry,
    /// <summary>A sequence number is missing: an entry was removed.</summary>
    MissingEntry,
    /// <summary>The entry does not name the previous entry's hash: entries were replaced or reordered.</summary>
    BrokenLink,
    /// <summary>A head recorded earlier is gone or has another hash: entries were cut from the end.</summary>
    Truncated,
}

public sealed record ChainBreak(long Sequence, ChainBreakKind Kind, string Description);

/// <summary>
/// Walks a log in sequence order, one entry at a time (so it can be fed page by page), and stops at the
/// first entry that breaks the chain.
/// </summary>
public sealed class AuditChainCheck(AuditChainKey key, long recordedSequence = 0, string? recordedHash = null)
{
    private long _expected = 1;
    private string _previousHash = AuditChain.Genesis;

    public long Checked { get; private set; }
    public long HeadSequence { get; private set; }
    public string HeadHash => _previousHash;
    public ChainBreak? Break { get; private set; }

    /// <summary>False once the chain is broken: there is no point reading further.</summary>
    public bool Accept(AuditEntry entry)
    {
        if (Break is not null)
            return false;
        if (entry.Sequence != _expected)
            Break = new ChainBreak(_expected, ChainBreakKind.MissingEntry,
                entry.Sequence > _expected
                    ? $"entries {_expected}..{entry.Sequence - 1} are missing"
                    : $"entry {entry.Sequence} comes after {_expected - 1}");
        else if (!string.Equals(entry.PreviousHash, _previousHash, StringComparison.Ordinal))
            Break = new ChainBreak(entry.Sequence, ChainBreakKind.BrokenLink,
                $"entry {entry.Sequence} does not link to the hash of entry {entry.Sequence - 1}");
        else if (!string.Equals(AuditChain.HashOf(entry, key), entry.Hash, StringComparison.Ordinal))
            Break = new ChainBreak(entry.Sequence, ChainBreakKind.EditedEntry,
                $"entry {entry.Sequence} does not match its hash: edited, or written under another key");
        else if (entry.Sequence == recordedSequence && !string.Equals(entry.Hash, recordedHash, StringComparison.Ordinal))
            Break = new ChainBreak(entry.Sequence, ChainBreakKind.Truncated,
                $"entry {entry.Sequence} is not the head recorded earlier: the log was cut there and written again");
        if (Break is not null)
            return false;
        Checked++;
        HeadSequence = entry.Sequence;
        _previousHash = entry.Hash;
        _expected = entry.Sequence + 1;
        return true;
    }

    /// <summary>After the last entry: a log that ends before the recorded head was cut.</summary>
    public void End()
    {
        if (Break is null && HeadSequence < recordedSequence)
            Break = new ChainBreak(HeadSequence + 1, ChainBreakKind.Truncated,
                $"the log ends at entry {HeadSequence}, before the head recorded earlier ({recordedSequence})");
    }
}
