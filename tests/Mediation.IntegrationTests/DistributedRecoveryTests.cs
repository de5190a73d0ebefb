using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediation.Contracts;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// What happens on RabbitMQ and PostgreSQL when a consumer cannot do its work: an outage longer than the
/// immediate retries heals by redelivery through the broker with nobody acting and no fault; what still
/// fails after the last redelivery reaches the operators' fault inbox once, and what can never be
/// delivered reaches it at once.
/// </summary>
[Collection(DistributedCollection.Name)]
public class DistributedRecoveryTests(DistributedServices services)
{
    [Fact]
    public async Task A_database_outage_longer_than_the_immediate_retries_heals_by_redelivery_without_a_fault_or_an_operator()
    {
        var (requester, mediator, holder) = Parties();
        using var dashboard = services.Dashboard();
        await using var faults = await services.TapFaults<CaseLocated>();
        string name;
        await using (await services.DatabaseOutage("verification"))
        {
            name = await Requests.LocatedCase(requester, mediator, holder, "heals-" + Guid.NewGuid().ToString("N")[..6]);
            var (located, _) = await services.PublishedCaseLocated(name);
            // Held past the immediate retries (0.6 s), until the message is on its way to its first redelivery (1 s later).
            await Requests.Eventually(() => Task.FromResult(services.Main("Verification").Output.Split('\n')),
                lines => lines.Any(l => l.Contains($"Message {located} failed on {Queue} (", StringComparison.Ordinal) && l.Contains("; redelivery 1 of 2", StringComparison.Ordinal)));
        }

        await Requests.Eventually(() => requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync,
            c => c.Case.Stage == RequestsApi.CaseStage.InVerification);
        Assert.Equal(1, await ChecklistsOpened(mediator, name));
        // A fault is published before its message goes on (to a delay line or _error), so one published for
        // this case would be in the tap by now.
        Assert.DoesNotContain(await services.Peek(faults.Queue), f => f.Contains(CaseId(name), StringComparison.Ordinal));
        Assert.DoesNotContain(await services.Peek(Queue + "_error"), m => m.Contains(CaseId(name), StringComparison.Ordinal));
        var overview = await dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview");
        Assert.DoesNotContain(DashboardApi.OpenFaults(overview), f => f.GetProperty("caseId").GetString() == name);
    }

    [Fact]
    public async Task What_still_fails_after_the_last_redelivery_reaches_the_fault_inbox_once_and_a_retry_from_the_dashboard_applies_it_once()
    {
        var (requester, mediator, holder) = Parties();
        using var dashboard = services.Dashboard();
        await using var faults = await services.TapFaults<CaseLocated>();
        string name;
        JsonElement fault;
        await using (await services.DatabaseOutage("verification"))
        {
            name = await Requests.LocatedCase(requester, mediator, holder, "outage-" + Guid.NewGuid().ToString("N")[..6]);
            var overview = await Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
                o => DashboardApi.OpenFaults(o).Any(f => f.GetProperty("caseId").GetString() == name));
            fault = DashboardApi.OpenFaults(overview).Single(f => f.GetProperty("caseId").GetString() == name);

            // The fault came after the last of the two redeliveries had been sent (and failed), not when the
            // first delivery's immediate retries gave up; the message waits in _error, not in a delay line.
            var id = fault.GetProperty("messageId").GetGuid();
            Assert.Contains(services.Main("Verification").Output.Split('\n'),
                l => l.Contains($"Message {id} failed on {Queue} (", StringComparison.Ordinal) && l.Contains("redelivery 2 of 2", StringComparison.Ordinal));
            await Requests.Eventually(() => services.Peek(Queue + "_error"), m => m.Any(b => b.Contains(CaseId(name), StringComparison.Ordinal)));
        }
        Assert.Equal(Queue, fault.GetProperty("queue").GetString());
        Assert.True(fault.GetProperty("canRetry").GetBoolean());
        // One fault for the message, not one per delivery: every fault of it was published before it reached _error.
        Assert.Single(await services.Peek(faults.Queue), f => f.Contains(CaseId(name), StringComparison.Ordinal));
        Assert.Equal(RequestsApi.CaseStage.Located, (await requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers)).Case.Stage);

        Assert.Equal(HttpStatusCode.NoContent, (await DashboardApi.Act(dashboard, $"/operations/api/faults/{fault.GetProperty("faultId").GetGuid()}/retry")).StatusCode);

        await Requests.Eventually(() => requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync,
            c => c.Case.Stage == RequestsApi.CaseStage.InVerification);
        Assert.Equal(1, await ChecklistsOpened(mediator, name));
    }

    [Fact]
    public async Task A_message_that_is_not_json_reaches_the_fault_inbox_without_its_body_and_can_only_be_discarded()
    {
        using var dashboard = services.Dashboard();
        var secret = "Olena Kovalenko, born 2014-03-02, " + Guid.NewGuid().ToString("N");
        await services.PublishRaw("handover-case-verified", "{ this is not json: " + secret);

        var overview = await Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => Groups(o).Any(g => g.GetProperty("exceptionType").GetString() == "UNREADABLE"
                && g.GetProperty("faults").EnumerateArray().Any(f => f.GetProperty("queue").GetString() == "handover-case-verified")));
        var group = Groups(overview).First(g => g.GetProperty("exceptionType").GetString() == "UNREADABLE");
        Assert.False(group.GetProperty("canRetry").GetBoolean());
        Assert.DoesNotContain(secret, overview.GetRawText());
        var fault = group.GetProperty("faults").EnumerateArray().First(f => f.GetProperty("queue").GetString() == "handover-case-verified");
        var retry = await DashboardApi.Act(dashboard, $"/operations/api/faults/{fault.GetProperty("faultId").GetGuid()}/retry");
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await DashboardApi.Act(dashboard, $"/operations/api/faults/{fault.GetProperty("faultId").GetGuid()}/discard", new { reason = "test: foreign bytes" })).StatusCode);
    }

    [Fact]
    public async Task A_message_of_a_type_no_consumer_takes_reaches_the_fault_inbox()
    {
        using var dashboard = services.Dashboard();
        var id = Guid.NewGuid();
        var envelope = JsonSerializer.Serialize(new
        {
            messageId = id,
            messageType = new[] { "urn:message:Mediation.Contracts:CaseTeleported" },
            message = new { caseId = "nobody" },
            sentTime = DateTime.UtcNow,
        });
        await services.PublishRaw("requests-case-events", envelope);

        var overview = await Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => DashboardApi.OpenFaults(o).Any(f => f.GetProperty("messageId").GetGuid() == id));
        var group = Groups(overview).Single(g => g.GetProperty("faults").EnumerateArray().Any(f => f.GetProperty("messageId").GetGuid() == id));
        Assert.Equal("NO_CONSUMER", group.GetProperty("exceptionType").GetString());
        Assert.Equal("Mediation.Contracts.CaseTeleported", group.GetProperty("messageType").GetString());
        Assert.Equal("requests-case-events", group.GetProperty("faults").EnumerateArray().Single(f => f.GetProperty("messageId").GetGuid() == id).GetProperty("queue").GetString());
    }

    private (Mediation.Host.Demo.PartyClient, Mediation.Host.Demo.PartyClient, Mediation.Host.Demo.PartyClient) Parties() =>
        (services.Keys.Client(services.Addresses, "requester-1", "o-r"), services.Keys.Client(services.Addresses, "mediator", "o-m"),
            services.Keys.Client(services.Addresses, "holder-1", "o-h"));

    private static IEnumerable<JsonElement> Groups(JsonElement overview) => overview.GetProperty("faults").GetProperty("groups").EnumerateArray();

    private const string Queue = "verification-case-located";

    /// <summary>The case's id, as its events carry it.</summary>
    private static string CaseId(string name) => name["cases/".Length..];

    /// <summary>How often the case's timeline says its checklist opened: once, however many times its event was delivered.</summary>
    private async Task<int> ChecklistsOpened(Mediation.Host.Demo.PartyClient mediator, string name)
    {
        var events = await mediator.Requests.ListCaseEventsAsync(new() { Parent = name, PageSize = 100 }, mediator.Headers);
        return events.Events.Count(e => e.Type == "ChecklistOpened");
    }
}
