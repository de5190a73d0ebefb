using Mediation.Host.Demo;
using Npgsql;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.IntegrationTests;

/// <summary>Nothing committed is lost: a process killed between its commit and its publish publishes after its restart, once.</summary>
[Collection(DistributedCollection.Name)]
public sealed class OutboxCrashTests(DistributedServices services)
{
    [Fact]
    public async Task An_event_committed_before_a_crash_is_published_after_the_restart_and_applied_once()
    {
        // Only one requests process may own the outbox for this test: stop the running one first.
        await services.Main("Requests").Stop();
        var paused = services.Start("Requests", "--Outbox:Paused", "true");
        await paused.WaitServing();
        var at = services.Addresses with { Requests = paused.Address };
        var requester = new PartyClient(at, "requester-1", services.Keys.KeyOf("requester-1"), "officer-r");
        var mediator = new PartyClient(at, "mediator", services.Keys.KeyOf("mediator"), "officer-m");
        var holder = new PartyClient(at, "holder-1", services.Keys.KeyOf("holder-1"), "officer-h");

        var name = await Requests.LocatedCase(requester, mediator, holder, "crash-" + Guid.NewGuid().ToString("N")[..8]);
        var caseId = name["cases/".Length..];
        var located = await UnsentCaseLocated(caseId);
        Assert.NotNull(located);

        await paused.Stop();   // killed: committed, never published
        Assert.Equal(located, await UnsentCaseLocated(caseId));

        // Where the first one answered: the rest of the rig (the operations process's reports view) calls it there.
        await services.Restart("Requests");

        // Delivered: verification opened the child's checklist from the event published after the restart.
        await Requests.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, mediator.Headers).ResponseAsync,
            r => r.Checklist.State == VerificationApi.ChecklistState.Open);
        await Requests.Eventually(async () => await UnsentCaseLocated(caseId), id => id is null);

        // Once: one inbox entry for that message, one checklist, one ChecklistOpened in the case's timeline.
        Assert.Equal(1L, await Scalar("verification", """SELECT count(*) FROM inbox WHERE "MessageId" = @id""", ("id", located!.Value)));
        Assert.Equal(1L, await Scalar("verification", """SELECT count(*) FROM checklists WHERE "CaseId" = @id""", ("id", caseId)));
        var requesterNow = new PartyClient(services.Addresses, "requester-1", services.Keys.KeyOf("requester-1"), "officer-r");
        var timeline = await Requests.Eventually(
            () => requesterNow.Requests.ListCaseEventsAsync(new() { Parent = name }, requesterNow.Headers).ResponseAsync,
            r => r.Events.Any(e => e.Type == "ChecklistOpened"));
        Assert.Single(timeline.Events, e => e.Type == "CaseLocated");
        Assert.Single(timeline.Events, e => e.Type == "ChecklistOpened");
    }

    private async Task<Guid?> UnsentCaseLocated(string caseId) =>
        (Guid?)await ScalarOrNull("requests",
            """SELECT "MessageId" FROM outbox WHERE "SentAt" IS NULL AND "Type" = 'Mediation.Contracts.CaseLocated' AND "Body" LIKE @body""",
            ("body", $"%\"CaseId\":\"{caseId}\"%"));

    private async Task<long> Scalar(string service, string sql, params (string Name, object Value)[] parameters) =>
        (long)(await ScalarOrNull(service, sql, parameters))!;

    private async Task<object?> ScalarOrNull(string service, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = services.Database(service);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
            command.Parameters.AddWithValue(parameterName, value);
        return await command.ExecuteScalarAsync();
    }
}
