using Google.Protobuf.Reflection;
using Mediation.BuildingBlocks.Audit;
using AuditApi = Mediation.Api.Audit.V1;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Issue 20, finding 6: the audit log took a call's case from any top-level string starting with <c>cases/</c>,
/// so a party could have its call recorded against another party's case (through its <c>request_id</c>), and the
/// cases its call created went unrecorded. Now only the fields <see cref="AuditedCaseFields"/> declares count,
/// in the request and always in the response.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class AuditTakesCasesOnlyFromDeclaredNamesTests(EmbeddedHost host)
{
    private const string Submit = "/mediation.requests.v1.RequestsService/SubmitRequest";

    private async Task<List<AuditApi.AuditEntry>> EntriesAbout(string caseName)
    {
        var mediator = host.Party("mediator");
        var audit = new AuditApi.AuditLogService.AuditLogServiceClient(host.Channel());
        var entries = new List<AuditApi.AuditEntry>();
        var request = new AuditApi.ListAuditEntriesRequest { Service = "requests", Case = caseName, PageSize = 500 };
        do
        {
            var page = await audit.ListAuditEntriesAsync(request, mediator.Headers);
            entries.AddRange(page.Entries);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return entries;
    }

    [Fact]
    public async Task A_request_id_naming_another_partys_case_is_not_recorded_against_it_and_the_created_cases_are()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var requester1 = host.Party("requester-1", "officer-r1");
        var requester2 = host.Party("requester-2", "officer-r2");
        var victim = (await requester1.Requests.SubmitRequestAsync(Requests.OneChild("victim-" + tag), requester1.Headers)).Cases[0].Name;

        var hostile = Requests.OneChild(victim, given: "Petro");
        hostile.Children.Add(Requests.OneChild("unused", given: "Marta").Children[0]);
        var created = (await requester2.Requests.SubmitRequestAsync(hostile, requester2.Headers)).Cases.Select(c => c.Name).ToList();
        Assert.Equal(2, created.Count);

        var aboutVictim = await EntriesAbout(victim);
        Assert.DoesNotContain(aboutVictim, e => e.Party == "parties/requester-2");
        Assert.Equal(["parties/requester-1"], aboutVictim.Where(e => e.Method == Submit).Select(e => e.Party));
        foreach (var name in created)
        {
            var entry = Assert.Single(await EntriesAbout(name), e => e.Method == Submit);
            Assert.Equal(("parties/requester-2", "officer-r2", "OK"), (entry.Party, entry.Officer, entry.Outcome));
        }

        // The answer to the same request id again (a replay) is recorded against the same created cases, not the victim.
        await requester2.Requests.SubmitRequestAsync(hostile, requester2.Headers);
        Assert.DoesNotContain(await EntriesAbout(victim), e => e.Party == "parties/requester-2");
        Assert.Equal(2, (await EntriesAbout(created[0])).Count(e => e.Method == Submit));
    }

    [Fact]
    public async Task A_free_text_field_shaped_like_a_case_name_is_not_recorded_as_a_case()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var requester1 = host.Party("requester-1");
        var requester2 = host.Party("requester-2");
        var mediator = host.Party("mediator");
        var victim = (await requester1.Requests.SubmitRequestAsync(Requests.OneChild("victim2-" + tag), requester1.Headers)).Cases[0].Name;
        var own = (await requester2.Requests.SubmitRequestAsync(Requests.OneChild("own-" + tag), requester2.Headers)).Cases[0].Name;

        await mediator.Requests.RejectCaseAsync(new() { RequestId = "rej-" + tag, Name = own, Reason = victim }, mediator.Headers);

        Assert.DoesNotContain(await EntriesAbout(victim), e => e.Method.EndsWith("/RejectCase", StringComparison.Ordinal) || e.Party == "parties/requester-2");
        Assert.Contains(await EntriesAbout(own), e => e.Method.EndsWith("/RejectCase", StringComparison.Ordinal) && e.Outcome == "OK");
    }

    /// <summary>Resource-name fields (by the API's naming) are named <c>name</c>, <c>parent</c>, or after the resource they hold.</summary>
    private static bool LooksLikeAResourceName(FieldDescriptor field) =>
        field.FieldType == FieldType.String
        && (field.Name is "name" or "parent" or "case" or "cases" or "checklist" or "candidate" or "duplicate_of" or "batch" or "request"
            || field.Name.EndsWith("_case", StringComparison.Ordinal) || field.Name.EndsWith("_cases", StringComparison.Ordinal));

    [Fact]
    public async Task Every_resource_name_field_of_every_served_rpc_is_declared_a_case_or_not()
    {
        var files = new[]
        {
            RequestsApi.RequestsReflection.Descriptor, VerificationApi.VerificationReflection.Descriptor,
            HandoverApi.HandoverReflection.Descriptor, AuditApi.AuditReflection.Descriptor, Mediation.Api.Reports.V1.ReportsReflection.Descriptor,
        };
        var served = await Rpcs.Served(host.Channel());
        Assert.NotEmpty(served);
        var undeclared = new List<string>();
        foreach (var rpc in served)
        {
            var service = files.SelectMany(f => f.Services).SingleOrDefault(s => s.FullName == rpc.Service);
            Assert.True(service is not null, $"{rpc.Service} is served but its descriptor is not checked here");
            var method = service!.FindMethodByName(rpc.Name)!;
            foreach (var message in Reachable(method.InputType).Concat(Reachable(method.OutputType)))
                foreach (var field in message.Fields.InDeclarationOrder().Where(LooksLikeAResourceName))
                    if (!AuditedCaseFields.IsDeclared(field))
                        undeclared.Add($"{rpc}: {field.FullName}");
        }
        Assert.Empty(undeclared.Distinct());
    }

    private static IEnumerable<MessageDescriptor> Reachable(MessageDescriptor root)
    {
        var seen = new HashSet<string>();
        var next = new Stack<MessageDescriptor>([root]);
        while (next.TryPop(out var message))
        {
            if (!seen.Add(message.FullName) || message.File.Package.StartsWith("google.", StringComparison.Ordinal))
                continue;
            yield return message;
            foreach (var field in message.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message))
                next.Push(field.MessageType);
        }
    }
}
