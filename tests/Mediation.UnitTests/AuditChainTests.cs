using Mediation.BuildingBlocks.Audit;

namespace Mediation.UnitTests;

public class AuditChainTests
{
    private static readonly AuditChainKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly DateTime Start = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private static List<AuditEntry> Chain(int count, AuditChainKey? key = null)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            var entry = new AuditEntry
            {
                At = Start.AddSeconds(i), Service = "requests", PartyId = i % 2 == 0 ? "requester-1" : "mediator",
                Officer = i % 3 == 0 ? null : "officer-" + i, Call = "/mediation.requests.v1.RequestsService/GetCase",
                CaseId = i % 4 == 0 ? null : "case" + i, Outcome = i == 2 ? "NOT_FOUND" : "OK",
            };
            AuditChain.Link(entry, entries.LastOrDefault(), key ?? Key);
            entries.Add(entry);
        }
        return entries;
    }

    private static AuditChainCheck Checked(IEnumerable<AuditEntry> entries, AuditChainKey? key = null, long recordedSequence = 0, string? recordedHash = null)
    {
        var check = new AuditChainCheck(key ?? Key, recordedSequence, recordedHash);
        foreach (var entry in entries)
            if (!check.Accept(entry))
                return check;
        check.End();
        return check;
    }

    [Fact]
    public void An_untouched_log_verifies_and_reports_its_head()
    {
        var entries = Chain(6);
        var check = Checked(entries);
        Assert.Null(check.Break);
        Assert.Equal(6, check.Checked);
        Assert.Equal(6, check.HeadSequence);
        Assert.Equal(entries[^1].Hash, check.HeadHash);
        Assert.Equal(AuditChain.Genesis, entries[0].PreviousHash);
        Assert.Equal(new string('0', 64), AuditChain.Genesis);
    }

    [Fact]
    public void An_empty_log_verifies_with_the_genesis_head()
    {
        var check = Checked([]);
        Assert.Null(check.Break);
        Assert.Equal(0, check.HeadSequence);
        Assert.Equal(AuditChain.Genesis, check.HeadHash);
    }

    public static TheoryData<string> Edits() => ["at", "service", "party", "officer", "call", "case", "outcome"];

    [Theory]
    [MemberData(nameof(Edits))]
    public void Any_edited_field_is_found_at_its_entry(string field)
    {
        var entries = Chain(6);
        var edited = entries[3];
        switch (field)
        {
            case "at": edited.At = edited.At.AddTicks(10); break;
            case "service": edited.Service = "handover"; break;
            case "party": edited.PartyId = "holder-1"; break;
            case "officer": edited.Officer = "officer-9"; break;
            case "call": edited.Call = "/mediation.requests.v1.RequestsService/ListCases"; break;
            case "case": edited.CaseId = "case99"; break;
            default: edited.Outcome = "PERMISSION_DENIED"; break;
        }
        Assert.Equal(new ChainBreak(4, ChainBreakKind.EditedEntry, "entry 4 does not match its hash: edited, or written under another key"), Checked(entries).Break);
    }

    [Fact]
    public void An_entry_edited_and_rehashed_without_the_key_is_found()
    {
        var entries = Chain(6);
        entries[2].PartyId = "holder-1";
        var forger = new AuditChainKey(new byte[32]);
        entries[2].Hash = AuditChain.HashOf(entries[2], forger);
        var check = Checked(entries);
        Assert.Equal(3, check.Break!.Sequence);
        Assert.Equal(ChainBreakKind.EditedEntry, check.Break.Kind);
        Assert.Equal(2, check.Checked);
    }

    [Fact]
    public void A_removed_entry_is_found_as_the_missing_sequence()
    {
        var entries = Chain(6);
        entries.RemoveAt(2);
        Assert.Equal(new ChainBreak(3, ChainBreakKind.MissingEntry, "entries 3..3 are missing"), Checked(entries).Break);
    }

    [Fact]
    public void A_removed_first_entry_is_found()
    {
        var entries = Chain(3);
        entries.RemoveAt(0);
        Assert.Equal(ChainBreakKind.MissingEntry, Checked(entries).Break!.Kind);
        Assert.Equal(1, Checked(entries).Break!.Sequence);
    }

    [Fact]
    public void A_removed_entry_with_the_rest_renumbered_is_found()
    {
        var entries = Chain(6);
        entries.RemoveAt(2);
        for (var i = 2; i < entries.Count; i++)
            entries[i].Sequence = i + 1;
        var check = Checked(entries);
        Assert.Equal(3, check.Break!.Sequence);
        Assert.Equal(ChainBreakKind.BrokenLink, check.Break.Kind);
    }

    [Fact]
    public void Reordered_entries_are_found()
    {
        var entries = Chain(6);
        (entries[2], entries[3]) = (entries[3], entries[2]);
        Assert.Equal(new ChainBreak(3, ChainBreakKind.MissingEntry, "entries 3..3 are missing"), Checked(entries).Break);

        // The same, with the sequence numbers swapped back so they run 1..6.
        (entries[2].Sequence, entries[3].Sequence) = (3, 4);
        var check = Checked(entries);
        Assert.Equal(3, check.Break!.Sequence);
        Assert.Equal(ChainBreakKind.BrokenLink, check.Break.Kind);
    }

    [Fact]
    public void A_log_checked_with_another_key_fails_at_its_first_entry()
    {
        var check = Checked(Chain(4), new AuditChainKey(Enumerable.Repeat((byte)7, 32).ToArray()));
        Assert.Equal(new ChainBreak(1, ChainBreakKind.EditedEntry, "entry 1 does not match its hash: edited, or written under another key"), check.Break);
        Assert.Equal(0, check.Checked);
    }

    [Fact]
    public void A_truncated_tail_is_found_only_against_a_head_recorded_earlier()
    {
        var entries = Chain(6);
        var recorded = Checked(entries);
        Assert.Null(Checked(entries.Take(4)).Break);
        Assert.Null(Checked(entries, recordedSequence: recorded.HeadSequence, recordedHash: recorded.HeadHash).Break);
        Assert.Null(Checked(entries.Append(Next(entries)), recordedSequence: 6, recordedHash: recorded.HeadHash).Break);

        Assert.Equal(new ChainBreak(5, ChainBreakKind.Truncated, "the log ends at entry 4, before the head recorded earlier (6)"),
            Checked(entries.Take(4), recordedSequence: 6, recordedHash: recorded.HeadHash).Break);
        // Cut, then written again past the recorded head: the entry at its sequence has another hash.
        var regrown = entries.Take(4).ToList();
        regrown.Add(Next(regrown));
        regrown.Add(Next(regrown));
        var check = Checked(regrown, recordedSequence: 6, recordedHash: recorded.HeadHash);
        Assert.Equal((6L, ChainBreakKind.Truncated), (check.Break!.Sequence, check.Break.Kind));
    }

    private static AuditEntry Next(List<AuditEntry> entries)
    {
        var entry = new AuditEntry { At = Start.AddHours(1), Service = "requests", PartyId = "holder-1", Call = "/x/Y", Outcome = "OK" };
        AuditChain.Link(entry, entries[^1], Key);
        return entry;
    }

    [Fact]
    public void Fields_cannot_be_shifted_into_each_other()
    {
        var a = new AuditEntry { At = Start, Service = "requests", PartyId = "ab", Officer = "c", Call = "x", Outcome = "OK", PreviousHash = AuditChain.Genesis };
        var b = new AuditEntry { At = Start, Service = "requests", PartyId = "a", Officer = "bc", Call = "x", Outcome = "OK", PreviousHash = AuditChain.Genesis };
        var none = new AuditEntry { At = Start, Service = "requests", PartyId = "a", Officer = null, Call = "x", Outcome = "OK", PreviousHash = AuditChain.Genesis };
        var empty = new AuditEntry { At = Start, Service = "requests", PartyId = "a", Officer = "", Call = "x", Outcome = "OK", PreviousHash = AuditChain.Genesis };
        Assert.NotEqual(AuditChain.HashOf(a, Key), AuditChain.HashOf(b, Key));
        Assert.NotEqual(AuditChain.HashOf(none, Key), AuditChain.HashOf(empty, Key));
    }

    [Fact]
    public void A_chain_key_shorter_than_32_bytes_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new AuditChainKey(new byte[31]));
    }

    [Fact]
    public void Outcomes_are_named_as_grpc_names_its_status_codes()
    {
        Assert.Equal("OK", AuditedCall.OutcomeName(Grpc.Core.StatusCode.OK));
        Assert.Equal("NOT_FOUND", AuditedCall.OutcomeName(Grpc.Core.StatusCode.NotFound));
        Assert.Equal("PERMISSION_DENIED", AuditedCall.OutcomeName(Grpc.Core.StatusCode.PermissionDenied));
        Assert.Equal("RESOURCE_EXHAUSTED", AuditedCall.OutcomeName(Grpc.Core.StatusCode.ResourceExhausted));
        Assert.Equal("UNAUTHENTICATED", AuditedCall.OutcomeName(Grpc.Core.StatusCode.Unauthenticated));
    }
}
