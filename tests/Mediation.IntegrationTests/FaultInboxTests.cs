using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace Mediation.IntegrationTests;

/// <summary>
/// A real outage — verification cannot write while a test holds its database's lock — makes two
/// CaseLocated events fail every retry. The operator sees them, retries one (applied, once) and
/// discards the other with a reason; both actions are audited.
/// </summary>
[Collection(FaultyDatabaseHost.Collection)]
public class FaultInboxTests(FaultyDatabaseHost host)
{
    [Fact]
    public async Task Failed_messages_are_shown_grouped_and_an_operator_retries_or_discards_them()
    {
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        using var web = host.Web();
        var run = Guid.NewGuid().ToString("N")[..6];
        string retried, discarded;
        JsonElement group;
        await using (await host.LockDatabase("verification"))
        {
            retried = await Requests.LocatedCase(requester, mediator, holder, $"fault-a-{run}");
            discarded = await Requests.LocatedCase(requester, mediator, holder, $"fault-b-{run}");
            var overview = await Requests.Eventually(() => web.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
                o => DashboardApi.OpenFaults(o).Count(f => f.GetProperty("caseId").GetString() is var c && (c == retried || c == discarded)) == 2);
            group = overview.GetProperty("faults").GetProperty("groups").EnumerateArray()
                .Single(g => g.GetProperty("faults").EnumerateArray().Any(f => f.GetProperty("caseId").GetString() == retried));
        }

        Assert.Equal("Mediation.Contracts.CaseLocated", group.GetProperty("messageType").GetString());
        Assert.Equal("Microsoft.Data.Sqlite.SqliteException", group.GetProperty("exceptionType").GetString());
        Assert.Contains("locked", group.GetProperty("exceptionMessage").GetString());
        Assert.True(group.GetProperty("count").GetInt32() >= 2);
        var faults = group.GetProperty("faults").EnumerateArray().ToDictionary(f => f.GetProperty("caseId").GetString()!);
        Assert.All(faults.Values, f => Assert.Equal("verification-case-located", f.GetProperty("queue").GetString()));
        var (retryId, discardId) = (faults[retried].GetProperty("faultId").GetGuid(), faults[discarded].GetProperty("faultId").GetGuid());

        // An action without the dashboard's header (what a forged cross-site form would send) is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await web.PostAsync($"/operations/api/faults/{retryId}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await DashboardApi.Act(web, $"/operations/api/faults/{retryId}/retry")).StatusCode);
        await Requests.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = retried + "/checklist" }, mediator.Headers).ResponseAsync);
        await Requests.Eventually(() => requester.Requests.GetCaseAsync(new() { Name = retried }, requester.Headers).ResponseAsync,
            c => c.Case.Stage == Mediation.Api.Requests.V1.CaseStage.InVerification);
        Assert.Equal(HttpStatusCode.Conflict, (await DashboardApi.Act(web, $"/operations/api/faults/{retryId}/retry")).StatusCode);
        Assert.Equal(1, await InboxRows("verification-case-located", faults[retried].GetProperty("messageId").GetGuid()));

        Assert.Equal(HttpStatusCode.BadRequest, (await DashboardApi.Act(web, $"/operations/api/faults/{discardId}/discard", new { reason = "  " })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await DashboardApi.Act(web, $"/operations/api/faults/{discardId}/discard", new { reason = "holder re-reports it" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DashboardApi.Act(web, $"/operations/api/faults/{Guid.NewGuid()}/retry")).StatusCode);
        var gone = await Assert.ThrowsAsync<RpcException>(() => mediator.Verification.GetChecklistAsync(new() { Name = discarded + "/checklist" }, mediator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);

        var after = await web.GetFromJsonAsync<JsonElement>("/operations/api/overview");
        Assert.DoesNotContain(DashboardApi.OpenFaults(after), f => f.GetProperty("faultId").GetGuid() == retryId || f.GetProperty("faultId").GetGuid() == discardId);
        var recent = after.GetProperty("faults").GetProperty("recent").EnumerateArray().ToDictionary(r => r.GetProperty("faultId").GetGuid());
        Assert.Equal("Retried", recent[retryId].GetProperty("state").GetString());
        Assert.Equal("operator-1", recent[retryId].GetProperty("actedBy").GetString());
        Assert.Equal("Discarded", recent[discardId].GetProperty("state").GetString());
        Assert.Equal("holder re-reports it", recent[discardId].GetProperty("reason").GetString());

        var audit = await web.GetFromJsonAsync<JsonElement>("/operations/api/actions");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("faultId").GetGuid() == retryId && a.GetProperty("operator").GetString() == "operator-1");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("faultId").GetGuid() == discardId && a.GetProperty("reason").GetString() == "holder re-reports it");
    }

    private async Task<long> InboxRows(string consumer, Guid messageId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "verification.db")};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM inbox WHERE Consumer = $consumer AND upper(MessageId) = upper($id)";
        count.Parameters.AddWithValue("$consumer", consumer);
        count.Parameters.AddWithValue("$id", messageId.ToString());
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
