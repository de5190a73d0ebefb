using System.Data.Common;
using Grpc.Core;
using Mediation.Host.Demo;
using Mediation.Requests.Api;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Mediation.Requests.Persistence.Postgres;
using Mediation.Requests.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using AuditApi = Mediation.Api.Audit.V1;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Issue 20, finding 12: <c>ListCaseEvents</c> read a case's whole timeline for every page, so paging through a
/// long timeline cost its length squared; and a <c>WatchCaseEvents</c> stream's audit entries named at most 500
/// cases, whatever it sent. Now a page reads its own rows (keyset on the timeline's order in the database), and
/// a stream's cases are recorded in batches as they are sent.
/// </summary>
public abstract class LongTimelinesAreReadPageByPageAndStreamsAuditedInFullTests(EmbeddedHost host, LongTimelinesAreReadPageByPageAndStreamsAuditedInFullTests.TimelineReads reads)
{
    /// <summary>Rows read from the timeline by queries about <see cref="CaseId"/>.</summary>
    public sealed class TimelineReads : DbCommandInterceptor
    {
        private int _rows;

        public string? CaseId { get; set; }
        public int Rows => Volatile.Read(ref _rows);

        public void Reset() => Volatile.Write(ref _rows, 0);

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            if (CaseId is { } id && command.CommandText.Contains("timeline", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, id)))
                Interlocked.Add(ref _rows, eventData.ReadCount);
            return result;
        }
    }

    private readonly PartyClient _requester = host.Party("requester-1");
    private readonly PartyClient _otherRequester = host.Party("requester-2");
    private readonly PartyClient _mediator = host.Party("mediator");

    private static string Letters(int length = 10) =>
        string.Concat(Enumerable.Range(0, length).Select(i => (char)((i == 0 ? 'A' : 'a') + Random.Shared.Next(26))));

    [Fact]
    public async Task Each_page_of_a_long_timeline_reads_about_a_page_and_together_the_pages_are_the_timeline()
    {
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("long-timeline-" + Letters()), _requester.Headers)).Cases[0].Name;
        var id = name["cases/".Length..];
        var expected = await GrowTimeline(id, 1500);

        const int size = 7;
        var pages = new List<RequestsApi.CaseEvent>();
        var request = new RequestsApi.ListCaseEventsRequest { Parent = name, PageSize = size };
        var most = 0;
        reads.CaseId = id;
        do
        {
            reads.Reset();
            var page = await _requester.Requests.ListCaseEventsAsync(request, _requester.Headers);
            most = Math.Max(most, reads.Rows);
            pages.AddRange(page.Events);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        reads.CaseId = null;

        // A page reads its rows, the few that share a time with its ends, and the entries before it that moved the case.
        Assert.InRange(most, size, 2 * size + 20);
        Assert.Equal(expected, pages);

        var forged = await Assert.ThrowsAsync<RpcException>(() => _requester.Requests.ListCaseEventsAsync(
            new() { Parent = name, PageToken = Mediation.BuildingBlocks.Api.Paging.Encode("1/1/999999999") }, _requester.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, forged.StatusCode);
    }

    /// <summary>
    /// Adds <paramref name="count"/> entries to the case's timeline in its database, as consumers would have
    /// (a checklist opened, failed, reopened, checks attested one after another, some at one instant and
    /// sequence with the event that moved the case), and returns the whole timeline as a party reads it.
    /// </summary>
    private async Task<List<RequestsApi.CaseEvent>> GrowTimeline(string id, int count)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();
        var start = DateTime.UtcNow.AddDays(-30);
        var stages = new[] { "ChecklistOpened", "CaseVerificationFailed", "ChecklistReopened", "CaseVerified" };
        for (var i = 0; i < count; i++)
        {
            // Every tenth instant holds three entries of one change; every 400th reports a stage.
            var instant = i - i % 3 * (i % 10 < 3 ? 1 : 0);
            var type = i % 400 == 0 ? stages[i / 400 % stages.Length] : i % 10 == 2 ? "CheckAttested" : "InformationProvided";
            db.Timeline.Add(new TimelineEntry
            {
                CaseId = id, Type = type, Service = StageProjection.Verification, PartyId = "mediator", Officer = "officer-" + i % 7,
                OccurredAt = start.AddMilliseconds(instant * 10), ProducerSequence = instant + 1, Summary = $"entry {i}",
            });
        }
        await db.SaveChangesAsync();
        var all = await db.Timeline.AsNoTracking().Where(t => t.CaseId == id).ToListAsync();
        // As the mediator reads it: every entry, officers included.
        var mediator = new Mediation.BuildingBlocks.Parties.Caller(new Mediation.BuildingBlocks.Parties.Party(CaseLife.Mediator, "Mediator", Mediation.BuildingBlocks.Parties.PartyKind.Mediator), null);
        return CaseTimeline.AsRead(all).Select(t => t.ToProto(mediator)).ToList();
    }

    [Fact]
    public async Task A_stream_that_sent_events_of_six_hundred_cases_has_an_audit_entry_for_each()
    {
        const int cases = 600;
        var submitted = new HashSet<string>();
        for (var call = 0; call < cases / 100; call++)
        {
            var request = new RequestsApi.SubmitRequestRequest { RequestId = $"stream-audit-{call}-{Letters()}" };
            for (var i = 0; i < 100; i++)
            {
                var item = Requests.OneChild("unused").Children[0];
                (item.Child.GivenName, item.Child.FamilyName, item.Child.LastKnownPlace.Region) = (Letters(), Letters(), Letters());
                request.Children.Add(item);
            }
            submitted.UnionWith((await _otherRequester.Requests.SubmitRequestAsync(request, _otherRequester.Headers)).Cases.Select(c => c.Name));
        }

        var received = new HashSet<string>();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        using (var stream = _otherRequester.Requests.WatchCaseEvents(new(), _otherRequester.Headers, cancellationToken: stop.Token))
        {
            while (!submitted.IsSubsetOf(received) && await stream.ResponseStream.MoveNext(stop.Token))
                received.Add(stream.ResponseStream.Current.Case);
            stop.Cancel();
        }
        Assert.Superset(submitted, received);

        // The stream is recorded as it goes and when it ends (after the client left): wait for the end's entries.
        var audit = new AuditApi.AuditLogService.AuditLogServiceClient(host.Channel());
        var recorded = await Requests.Eventually(async () =>
        {
            var names = new HashSet<string>();
            var request = new AuditApi.ListAuditEntriesRequest { Service = "requests", Party = _otherRequester.Resource, PageSize = 500 };
            do
            {
                var page = await audit.ListAuditEntriesAsync(request, _mediator.Headers);
                names.UnionWith(page.Entries.Where(e => e.Method.EndsWith("/WatchCaseEvents", StringComparison.Ordinal)).Select(e => e.Case));
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);
            return names;
        }, names => names.IsSupersetOf(submitted));
        Assert.Superset(submitted, recorded);
    }
}

public sealed class LongTimelinesAreReadPageByPageAndStreamsAuditedInFullOnSqliteTests(LongTimelinesAreReadPageByPageAndStreamsAuditedInFullOnSqliteTests.Host host)
    : LongTimelinesAreReadPageByPageAndStreamsAuditedInFullTests(host, host.Reads), IClassFixture<LongTimelinesAreReadPageByPageAndStreamsAuditedInFullOnSqliteTests.Host>
{
    /// <summary>A host of its own whose requests database counts the timeline rows each query reads about one case.</summary>
    public sealed class Host : EmbeddedHost
    {
        public TimelineReads Reads { get; } = new();

        protected override void Replace(IServiceCollection services) =>
            services.ConfigureDbContext<SqliteRequestsDb>(options => options.AddInterceptors(Reads));
    }
}

public sealed class LongTimelinesAreReadPageByPageAndStreamsAuditedInFullOnPostgresTests(LongTimelinesAreReadPageByPageAndStreamsAuditedInFullOnPostgresTests.Host host)
    : LongTimelinesAreReadPageByPageAndStreamsAuditedInFullTests(host, host.Reads), IClassFixture<LongTimelinesAreReadPageByPageAndStreamsAuditedInFullOnPostgresTests.Host>
{
    public sealed class Host : PostgresEmbeddedHost
    {
        public TimelineReads Reads { get; } = new();

        protected override void Replace(IServiceCollection services) =>
            services.ConfigureDbContext<PostgresRequestsDb>(options => options.AddInterceptors(Reads));
    }
}
