using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mediation.IntegrationTests;

/// <summary>
/// An outage (verification's database locked) makes two CaseLocated events fail every retry. Afterwards
/// the first is delivered again with its message id — as an outbox sends an event again — and applied, so
/// its fault in the inbox is a stale copy: operations learns so from verification's inbox, shows it as
/// already applied, and the bulk discard puts it aside and leaves the real failure beside it open.
/// </summary>
[Collection(FaultyDatabaseHost.Collection)]
public class AlreadyAppliedFaultTests(FaultyDatabaseHost host)
{
    [Fact]
    public async Task A_fault_whose_message_was_applied_since_is_marked_and_discarded_in_bulk_beside_a_real_failure()
    {
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        using var web = host.Web();
        var run = Guid.NewGuid().ToString("N")[..6];
        string healed, failed;
        await using (await host.LockDatabase("verification"))
        {
            healed = await Requests.LocatedCase(requester, mediator, holder, $"applied-a-{run}");
            failed = await Requests.LocatedCase(requester, mediator, holder, $"applied-b-{run}");
            await Requests.Eventually(() => web.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
                o => DashboardApi.OpenFaults(o).Count(f => f.GetProperty("caseId").GetString() is var c && (c == healed || c == failed)) == 2);
        }
        var faults = DashboardApi.OpenFaults(await web.GetFromJsonAsync<JsonElement>("/operations/api/overview"))
            .Where(f => f.GetProperty("caseId").GetString() is var c && (c == healed || c == failed))
            .ToDictionary(f => f.GetProperty("caseId").GetString()!);
        Assert.All(faults.Values, f => Assert.Equal(JsonValueKind.Null, f.GetProperty("appliedAt").ValueKind));
        var (healedFault, failedFault) = (faults[healed].GetProperty("faultId").GetGuid(), faults[failed].GetProperty("faultId").GetGuid());

        // The same event, the same message id, published again after the outage: verification applies it.
        await host.PublishAgain(healedFault);
        await Requests.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = healed + "/checklist" }, mediator.Headers).ResponseAsync);

        var overview = await Requests.Eventually(() => web.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => DashboardApi.OpenFaults(o).Any(f => f.GetProperty("faultId").GetGuid() == healedFault && f.GetProperty("appliedAt").ValueKind != JsonValueKind.Null));
        var open = DashboardApi.OpenFaults(overview).ToDictionary(f => f.GetProperty("faultId").GetGuid());
        Assert.Equal("verification-case-located", open[healedFault].GetProperty("appliedBy").GetString());
        Assert.Equal(JsonValueKind.Null, open[failedFault].GetProperty("appliedAt").ValueKind);
        Assert.True(overview.GetProperty("faults").GetProperty("applied").GetInt32() >= 1);

        // Like every operator action: refused without the dashboard's header.
        Assert.Equal(HttpStatusCode.BadRequest, (await web.PostAsync("/operations/api/faults/discard-applied", null)).StatusCode);
        var answer = await DashboardApi.Act(web, "/operations/api/faults/discard-applied");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("discarded").GetInt32() >= 1);

        var after = await web.GetFromJsonAsync<JsonElement>("/operations/api/overview");
        Assert.Contains(DashboardApi.OpenFaults(after), f => f.GetProperty("faultId").GetGuid() == failedFault);
        Assert.DoesNotContain(DashboardApi.OpenFaults(after), f => f.GetProperty("faultId").GetGuid() == healedFault);
        Assert.Equal(0, after.GetProperty("faults").GetProperty("applied").GetInt32());
        var recent = after.GetProperty("faults").GetProperty("recent").EnumerateArray().Single(r => r.GetProperty("faultId").GetGuid() == healedFault);
        Assert.Equal(("Discarded", "operator-1"), (recent.GetProperty("state").GetString(), recent.GetProperty("actedBy").GetString()));
        var audit = await web.GetFromJsonAsync<JsonElement>("/operations/api/actions");
        var discard = audit.EnumerateArray().Single(a => a.GetProperty("faultId").GetGuid() == healedFault);
        Assert.StartsWith("Already applied: the inbox of verification-case-located", discard.GetProperty("reason").GetString());
        Assert.DoesNotContain(audit.EnumerateArray(), a => a.GetProperty("faultId").GetGuid() == failedFault);

        // A second bulk discard finds nothing: the real failure is still there for the operator.
        var again = await DashboardApi.Act(web, "/operations/api/faults/discard-applied");
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("discarded").GetInt32());
        Assert.Contains(DashboardApi.OpenFaults(await web.GetFromJsonAsync<JsonElement>("/operations/api/overview")), f => f.GetProperty("faultId").GetGuid() == failedFault);
    }
}
