using Grpc.Core;
using Mediation.Host.Demo;
using Microsoft.Data.Sqlite;
using AuditApi = Mediation.Api.Audit.V1;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// Every call to a case is in its service's audit log, the mediator reads it by case and by party, and an
/// entry edited or removed in the database file — by someone who can drop the append-only triggers — is found.
/// A host of its own: these tests tamper with its files.
/// </summary>
public sealed class AuditLogTests(AuditLogTests.Host host) : IClassFixture<AuditLogTests.Host>
{
    public sealed class Host : EmbeddedHost;

    private AuditApi.AuditLogService.AuditLogServiceClient Audit => new(host.Channel());

    private async Task<string> SubmittedCase(PartyClient requester, string tag) =>
        (await requester.Requests.SubmitRequestAsync(Requests.OneChild("audit-" + tag), requester.Headers)).Cases[0].Name;

    private const string AuditCalls = "/mediation.audit.v1.";

    /// <summary>Every page of the entries about a case and/or by a party (each page read is recorded too).</summary>
    private async Task<List<AuditApi.AuditEntry>> Entries(PartyClient mediator, string service, string? caseName = null, string? party = null, int pageSize = 0)
    {
        var entries = new List<AuditApi.AuditEntry>();
        var request = new AuditApi.ListAuditEntriesRequest { Service = service, Case = caseName ?? "", Party = party ?? "", PageSize = pageSize };
        do
        {
            var page = await Audit.ListAuditEntriesAsync(request, mediator.Headers);
            entries.AddRange(page.Entries);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return entries;
    }

    private static StatusCode StatusOf(Func<Task> call) => Assert.ThrowsAsync<RpcException>(call).GetAwaiter().GetResult().StatusCode;

    [Fact]
    public async Task Every_read_write_and_refusal_of_a_case_is_recorded_with_party_officer_and_outcome()
    {
        var requester = host.Party("requester-1", "officer-r");
        var holder = host.Party("holder-1", "officer-h");
        var mediator = host.Party("mediator", "officer-m");
        var name = await SubmittedCase(requester, Guid.NewGuid().ToString("N"));
        await requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers);
        Assert.Equal(StatusCode.NotFound, StatusOf(() => holder.Requests.GetCaseAsync(new() { Name = name }, holder.Headers).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, StatusOf(() => holder.Requests.AcceptCaseAsync(new() { RequestId = "audit-accept", Name = name }, holder.Headers).ResponseAsync));
        await mediator.Requests.AcceptCaseAsync(new() { RequestId = "audit-accept-" + name[6..], Name = name }, mediator.Headers);

        var all = await Entries(mediator, "requests", caseName: name, pageSize: 2);
        var entries = all.Where(e => !e.Method.StartsWith(AuditCalls, StringComparison.Ordinal)).ToList();
        const string Service = "/mediation.requests.v1.RequestsService/";
        Assert.Equal(
        [
            $"parties/requester-1 officer-r {Service}SubmitRequest OK",
            $"parties/requester-1 officer-r {Service}GetCase OK",
            $"parties/holder-1 officer-h {Service}GetCase NOT_FOUND",
            $"parties/holder-1 officer-h {Service}AcceptCase PERMISSION_DENIED",
            $"parties/mediator officer-m {Service}AcceptCase OK",
        ], entries.Select(e => $"{e.Party} {e.Officer} {e.Method} {e.Outcome}"));
        Assert.All(entries, e => Assert.Equal(name, e.Case));
        Assert.All(entries, e => Assert.Equal("requests", e.Service));
        Assert.Equal(entries.Select(e => e.Sequence).Order(), entries.Select(e => e.Sequence));
        Assert.All(entries, e => Assert.InRange(e.Time.ToDateTime(), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1)));

        // The mediator's own reading of the log is in it too, and the log reads by party as well as by case.
        var byHolder = await Entries(mediator, "requests", party: "parties/holder-1");
        Assert.Contains(byHolder, e => e.Case == name && e.Method.EndsWith("/AcceptCase", StringComparison.Ordinal) && e.Outcome == "PERMISSION_DENIED");
        Assert.All(byHolder, e => Assert.Equal("parties/holder-1", e.Party));
        Assert.Contains(all.Skip(5), e => e.Method == AuditCalls + "AuditLogService/ListAuditEntries" && e.Party == "parties/mediator");
        var both = await Entries(mediator, "requests", caseName: name, party: "parties/mediator");
        Assert.All(both, e => Assert.Equal((name, "parties/mediator"), (e.Case, e.Party)));

        var verified = await Audit.VerifyAuditLogAsync(new() { Service = "requests" }, mediator.Headers);
        Assert.True(verified.Intact, verified.FirstBreak?.Description);
        Assert.True(verified.HeadSequence >= entries[^1].Sequence);
    }

    [Fact]
    public async Task Calls_refused_before_their_method_are_recorded_too()
    {
        var path = Path.Combine(host.DataDirectory, "handover.db");
        var channel = host.Channel();
        var client = new Mediation.Api.Handover.V1.HandoverService.HandoverServiceClient(channel);
        Assert.Equal(StatusCode.Unauthenticated, StatusOf(() => client.GetBatchAsync(new() { Name = "batches/x" }, new Metadata { { "x-officer", "nobody" } }).ResponseAsync));
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var garbage = new Method<byte[], byte[]>(MethodType.Unary, "mediation.handover.v1.HandoverService", "GetBatch", bytes, bytes);
        var mediator = host.Party("mediator", "officer-m");
        Assert.Equal(StatusCode.InvalidArgument, StatusOf(() => channel.CreateCallInvoker().AsyncUnaryCall(garbage, null, new CallOptions(mediator.Headers), [0xFF, 0xFF, 0xFF]).ResponseAsync));

        var recorded = Rows(path, "SELECT PartyId, COALESCE(Officer, ''), Call, Outcome FROM audit_log ORDER BY Sequence");
        Assert.Contains(("", "nobody", "/mediation.handover.v1.HandoverService/GetBatch", "UNAUTHENTICATED"), recorded);
        Assert.Contains(("mediator", "officer-m", "/mediation.handover.v1.HandoverService/GetBatch", "INVALID_ARGUMENT"), recorded);
        var byMediator = await Entries(mediator, "handover", party: "parties/mediator");
        Assert.Contains(byMediator, e => e.Method.EndsWith("/GetBatch", StringComparison.Ordinal) && e.Outcome == "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Only_the_mediator_may_read_or_verify_the_log()
    {
        var mediator = host.Party("mediator");
        var name = await SubmittedCase(host.Party("requester-1"), Guid.NewGuid().ToString("N"));
        foreach (var party in new[] { "requester-1", "holder-1", "observer" })
        {
            var client = host.Party(party);
            Assert.Equal(StatusCode.PermissionDenied, StatusOf(() => Audit.ListAuditEntriesAsync(new() { Service = "requests", Case = name }, client.Headers).ResponseAsync));
            Assert.Equal(StatusCode.PermissionDenied, StatusOf(() => Audit.VerifyAuditLogAsync(new() { Service = "requests" }, client.Headers).ResponseAsync));
        }
        Assert.Equal(StatusCode.Unauthenticated, StatusOf(() => Audit.VerifyAuditLogAsync(new() { Service = "requests" }).ResponseAsync));
        // The embedded host keeps three logs: one must be named, and it must exist; a filter is required.
        Assert.Equal(StatusCode.InvalidArgument, StatusOf(() => Audit.VerifyAuditLogAsync(new(), mediator.Headers).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, StatusOf(() => Audit.VerifyAuditLogAsync(new() { Service = "operations" }, mediator.Headers).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, StatusOf(() => Audit.ListAuditEntriesAsync(new() { Service = "requests" }, mediator.Headers).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, StatusOf(() => Audit.ListAuditEntriesAsync(new() { Service = "requests", Case = name, PageSize = 501 }, mediator.Headers).ResponseAsync));

        var refusals = await Entries(mediator, "requests", party: "parties/observer");
        Assert.Contains(refusals, e => e.Method == "/mediation.audit.v1.AuditLogService/ListAuditEntries" && e.Case == name && e.Outcome == "PERMISSION_DENIED");
    }

    [Fact]
    public async Task A_watch_stream_is_recorded_when_it_ends_with_every_case_it_sent()
    {
        var requester = host.Party("requester-2", "officer-w");
        var mediator = host.Party("mediator");
        var name = await SubmittedCase(requester, Guid.NewGuid().ToString("N"));
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        using (var call = requester.Requests.WatchCaseEvents(new(), requester.Headers, cancellationToken: stop.Token))
            await foreach (var sent in call.ResponseStream.ReadAllAsync(stop.Token))
                if (sent.Case == name)
                    break;

        // The server sees the disconnect a moment later, and only then records the stream.
        var entries = await Requests.Eventually(() => Entries(mediator, "requests", caseName: name),
            e => e.Any(x => x.Method.EndsWith("/WatchCaseEvents", StringComparison.Ordinal)));
        var watch = Assert.Single(entries, e => e.Method.EndsWith("/WatchCaseEvents", StringComparison.Ordinal));
        Assert.Equal(("parties/requester-2", "officer-w", "CANCELLED"), (watch.Party, watch.Officer, watch.Outcome));
    }

    [Fact]
    public async Task A_call_that_cannot_be_audited_answers_unavailable_and_hands_out_nothing()
    {
        var requester = host.Party("requester-1");
        var name = await SubmittedCase(requester, Guid.NewGuid().ToString("N"));
        using var file = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "requests.db")};Pooling=False");
        file.Open();
        // The log refuses every new entry, as a full disk or a lost database would.
        Execute(file, "CREATE TRIGGER audit_log_full BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        try
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
            Assert.DoesNotContain("Testchuk", refused.Status.Detail);
        }
        finally
        {
            Execute(file, "DROP TRIGGER audit_log_full;");
        }
        Assert.Equal(name, (await requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers)).Case.Name);
    }

    [Fact]
    public async Task Many_calls_at_once_keep_one_unbroken_chain()
    {
        var requester = host.Party("requester-1");
        var mediator = host.Party("mediator");
        var name = await SubmittedCase(requester, Guid.NewGuid().ToString("N"));
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => i % 2 == 0
            ? requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync
            : mediator.Requests.GetCaseAsync(new() { Name = name }, mediator.Headers).ResponseAsync));
        Assert.Equal(201, (await Entries(mediator, "requests", caseName: name)).Count(e => !e.Method.StartsWith(AuditCalls, StringComparison.Ordinal)));
        var verified = await Audit.VerifyAuditLogAsync(new() { Service = "requests" }, mediator.Headers);
        Assert.True(verified.Intact, verified.FirstBreak?.Description);
    }

    [Fact]
    public async Task An_entry_edited_or_removed_in_the_database_file_is_found_at_its_sequence()
    {
        // A log of its own (verification's), so the other tests' calls do not move the sequences.
        var mediator = host.Party("mediator");
        var checklists = new Mediation.Api.Verification.V1.VerificationService.VerificationServiceClient(host.Channel());
        for (var i = 0; i < 6; i++)
            await Assert.ThrowsAsync<RpcException>(() => checklists.GetChecklistAsync(new() { Name = $"cases/{Guid.NewGuid():N}/checklist" }, mediator.Headers).ResponseAsync);
        var before = await Audit.VerifyAuditLogAsync(new() { Service = "verification" }, mediator.Headers);
        Assert.True(before.Intact);
        Assert.True(before.HeadSequence >= 6);
        // A head recorded earlier is still there; one the log never reached means its end was cut.
        var again = await Audit.VerifyAuditLogAsync(new() { Service = "verification", RecordedHeadSequence = before.HeadSequence, RecordedHeadHash = before.HeadHash }, mediator.Headers);
        Assert.True(again.Intact, again.FirstBreak?.Description);
        var cut = await Audit.VerifyAuditLogAsync(new() { Service = "verification", RecordedHeadSequence = before.HeadSequence + 1000, RecordedHeadHash = before.HeadHash }, mediator.Headers);
        Assert.Equal(AuditApi.ChainBreakKind.Truncated, cut.FirstBreak.Kind);

        using var file = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "verification.db")};Pooling=False");
        file.Open();
        // Through the database, as the services' own account could: refused.
        var refused = Assert.Throws<SqliteException>(() => Execute(file, "UPDATE audit_log SET PartyId = 'holder-1' WHERE Sequence = 4"));
        Assert.Contains("append-only", refused.Message);
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => Execute(file, "DELETE FROM audit_log WHERE Sequence = 2")).Message);
        Assert.True((await Audit.VerifyAuditLogAsync(new() { Service = "verification" }, mediator.Headers)).Intact);

        // Someone with the file drops the triggers first.
        Execute(file, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
        Execute(file, "UPDATE audit_log SET PartyId = 'holder-1' WHERE Sequence = 4");
        var edited = await Audit.VerifyAuditLogAsync(new() { Service = "verification" }, mediator.Headers);
        Assert.False(edited.Intact);
        Assert.Equal((4, AuditApi.ChainBreakKind.EditedEntry), (edited.FirstBreak.Sequence, edited.FirstBreak.Kind));
        Assert.Equal(3, edited.EntriesChecked);
        Assert.Equal(3, edited.HeadSequence);

        Execute(file, "DELETE FROM audit_log WHERE Sequence = 2");
        var removed = await Audit.VerifyAuditLogAsync(new() { Service = "verification" }, mediator.Headers);
        Assert.Equal((2, AuditApi.ChainBreakKind.MissingEntry), (removed.FirstBreak.Sequence, removed.FirstBreak.Kind));
        Assert.Equal(1, removed.EntriesChecked);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(string, string, string, string)> Rows(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, string)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return rows;
    }
}
