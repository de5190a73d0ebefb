using Grpc.Core;
using Grpc.Net.Client;
using Mediation.Client;
using Mediation.Host.Demo;
using Npgsql;
using AuditApi = Mediation.Api.Audit.V1;

namespace Mediation.IntegrationTests;

/// <summary>The audit log on PostgreSQL: two instances of a service sharing its database keep one chain, and the database refuses to change it.</summary>
[Collection(DistributedCollection.Name)]
public sealed class DistributedAuditTests(DistributedServices services)
{
    [Fact]
    public async Task Two_requests_instances_calling_at_once_keep_one_chain_that_finds_an_edit()
    {
        var second = services.Start("Requests");
        await second.WaitServing();
        try
        {
            var requester = Party("requester-1", services.Addresses);
            var onSecond = Party("requester-1", services.Addresses with { Requests = second.Address });
            var mediator = Party("mediator", services.Addresses);
            var name = (await requester.Requests.SubmitRequestAsync(Requests.OneChild("audit-pg-" + Guid.NewGuid().ToString("N")), requester.Headers)).Cases[0].Name;
            await Task.WhenAll(Enumerable.Range(0, 120).Select(i => (i % 2 == 0 ? requester : onSecond).Requests
                .GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync));

            // A service on its own keeps one log: `service` may be left empty.
            var audit = new AuditApi.AuditLogService.AuditLogServiceClient(GrpcChannel.ForAddress(services.Addresses.Requests));
            var entries = (await audit.ListAuditEntriesAsync(new() { Case = name, PageSize = 500 }, mediator.Headers)).Entries;
            Assert.Equal(121, entries.Count(e => e.Method.StartsWith("/mediation.requests.v1.", StringComparison.Ordinal)));
            var verified = await audit.VerifyAuditLogAsync(new(), mediator.Headers);
            Assert.True(verified.Intact, verified.FirstBreak?.Description);
            Assert.True(verified.EntriesChecked >= 122);

            await using var db = services.Database("requests");
            await db.OpenAsync();
            var target = entries[10].Sequence;
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(db, $"""UPDATE audit_log SET "PartyId" = 'holder-1' WHERE "Sequence" = {target}"""));
            Assert.Contains("append-only", refused.MessageText);
            await Assert.ThrowsAsync<PostgresException>(() => Execute(db, "TRUNCATE audit_log"));

            // The database's owner can switch the trigger off; the chain still shows the edit.
            await Execute(db, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
            await Execute(db, $"""UPDATE audit_log SET "PartyId" = 'holder-1' WHERE "Sequence" = {target}""");
            await Execute(db, "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change");
            var broken = await audit.VerifyAuditLogAsync(new() { Service = "requests" }, mediator.Headers);
            Assert.False(broken.Intact);
            Assert.Equal((target, AuditApi.ChainBreakKind.EditedEntry), (broken.FirstBreak.Sequence, broken.FirstBreak.Kind));
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
                audit.VerifyAuditLogAsync(new() { Service = "handover" }, mediator.Headers).ResponseAsync)).StatusCode);
        }
        finally
        {
            await second.Stop();
        }
    }

    private PartyClient Party(string id, ServiceAddresses addresses) => new(addresses, id, services.Keys.KeyOf(id), "officer-" + id);

    private static async Task Execute(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
