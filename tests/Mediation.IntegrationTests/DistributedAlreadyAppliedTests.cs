using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit.Serialization;
using Mediation.Contracts;

namespace Mediation.IntegrationTests;

/// <summary>
/// On RabbitMQ and PostgreSQL, each service its own process: verification applied a case's CaseLocated;
/// a stale copy of it (the same message id, as an outbox sends again after a lost confirm) then faults
/// during a database outage, beside a message on the same queue that failed and was never applied.
/// Operations asks verification over the bus, marks only the stale copy, and the bulk discard puts it
/// aside alone.
/// </summary>
[Collection(DistributedCollection.Name)]
public class DistributedAlreadyAppliedTests(DistributedServices services)
{
    [Fact]
    public async Task A_stale_copy_of_an_applied_message_is_found_applied_by_its_queues_owner_and_only_it_is_discarded_in_bulk()
    {
        var (requester, mediator, holder) = (services.Keys.Client(services.Addresses, "requester-1", "o-r"),
            services.Keys.Client(services.Addresses, "mediator", "o-m"), services.Keys.Client(services.Addresses, "holder-1", "o-h"));
        using var dashboard = services.Dashboard();
        var run = Guid.NewGuid().ToString("N")[..6];
        var applied = await Requests.LocatedCase(requester, mediator, holder, "stale-" + run);
        await Requests.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = applied + "/checklist" }, mediator.Headers).ResponseAsync);
        var (messageId, body) = await services.PublishedCaseLocated(applied);

        JsonElement stale;
        await using (await services.DatabaseOutage("verification"))
        {
            await services.PublishRaw("verification-case-located", JsonSerializer.Serialize(new
            {
                messageId,
                messageType = new[] { "urn:message:Mediation.Contracts:CaseLocated" },
                // As MassTransit writes a message (the outbox keeps .NET's names).
                message = JsonSerializer.SerializeToElement(JsonSerializer.Deserialize<CaseLocated>(body), SystemTextJsonMessageSerializer.Options),
                sentTime = DateTime.UtcNow,
            }));
            var overview = await Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
                o => DashboardApi.OpenFaults(o).Any(f => f.GetProperty("messageId").GetGuid() == messageId));
            stale = DashboardApi.OpenFaults(overview).First(f => f.GetProperty("messageId").GetGuid() == messageId);
        }
        // Beside it on the same queue, a real failure whose message id verification never applied: one of a
        // type no consumer there takes.
        var neverApplied = Guid.NewGuid();
        await services.PublishRaw("verification-case-located", JsonSerializer.Serialize(new
        {
            messageId = neverApplied,
            messageType = new[] { "urn:message:Mediation.Contracts:CaseTeleported" },
            message = new { caseId = "nobody" },
            sentTime = DateTime.UtcNow,
        }));
        var real = DashboardApi.OpenFaults(await Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => DashboardApi.OpenFaults(o).Any(f => f.GetProperty("messageId").GetGuid() == neverApplied))).Single(f => f.GetProperty("messageId").GetGuid() == neverApplied);
        Assert.Equal(("verification-case-located", "verification-case-located"), (stale.GetProperty("queue").GetString(), real.GetProperty("queue").GetString()));
        var (staleFault, failedFault) = (stale.GetProperty("faultId").GetGuid(), real.GetProperty("faultId").GetGuid());

        var marked = await Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => DashboardApi.OpenFaults(o).Any(f => f.GetProperty("faultId").GetGuid() == staleFault && f.GetProperty("appliedAt").ValueKind != JsonValueKind.Null));
        var open = DashboardApi.OpenFaults(marked).ToDictionary(f => f.GetProperty("faultId").GetGuid());
        Assert.Equal("verification-case-located", open[staleFault].GetProperty("appliedBy").GetString());
        Assert.Equal(JsonValueKind.Null, open[failedFault].GetProperty("appliedAt").ValueKind);

        var answer = await DashboardApi.Act(dashboard, "/operations/api/faults/discard-applied");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("discarded").GetInt32() >= 1);
        var after = await dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview");
        Assert.DoesNotContain(DashboardApi.OpenFaults(after), f => f.GetProperty("faultId").GetGuid() == staleFault);
        Assert.Contains(DashboardApi.OpenFaults(after), f => f.GetProperty("faultId").GetGuid() == failedFault);
        Assert.Equal("Discarded", after.GetProperty("faults").GetProperty("recent").EnumerateArray()
            .Single(r => r.GetProperty("faultId").GetGuid() == staleFault).GetProperty("state").GetString());
        // The stale copy changed nothing in verification: one checklist, opened once.
        var events = await mediator.Requests.ListCaseEventsAsync(new() { Parent = applied, PageSize = 100 }, mediator.Headers);
        Assert.Equal(1, events.Events.Count(e => e.Type == "ChecklistOpened"));
    }
}
