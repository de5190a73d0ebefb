using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>docs/DESIGN.md §2 as a table: each party × each field of a located case, asserted on what crosses the wire.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class IsolationTableTests(EmbeddedHost host)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _case;

    private static readonly Dictionary<string, Func<RequestsApi.Case, bool>> Fields = new()
    {
        ["child name"] = c => c.Child?.GivenName.Length > 0 && c.Child.FamilyName.Length > 0,
        ["birth date"] = c => c.Child?.BirthDate is not null,
        ["last known place"] = c => c.Child?.LastKnownPlace?.Region.Length > 0,
        ["where the child is now"] = c => c.CurrentLocation?.Region.Length > 0,
        ["claimant name"] = c => c.Claimants.Count > 0 && c.Claimants.All(x => x.GivenName.Length > 0),
        ["claimant contact and address"] = c => c.Claimants.Any(x => x.Contact is not null),
        ["consents"] = c => c.Consent is not null,
    };

    public static TheoryData<string, string, string> Table()
    {
        var table = new TheoryData<string, string, string>();
        foreach (var field in Fields.Keys)
        {
            table.Add("requester-1", field, "shown");      // the requesting party, its own case
            table.Add("mediator", field, "shown");
            table.Add("holder-1", field, field is "claimant contact and address" or "consents" ? "absent" : "shown"); // forwarded to it
            table.Add("requester-2", field, "not found");
            table.Add("holder-2", field, "not found");
            table.Add("observer", field, "not found");
        }
        return table;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_party_sees_exactly_its_share_of_a_case(string party, string field, string expected)
    {
        var name = await LocatedCase();
        var client = host.Party(party);
        RequestsApi.Case seen;
        try
        {
            seen = (await client.Requests.GetCaseAsync(new() { Name = name }, client.Headers)).Case;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            Assert.Equal("not found", expected);
            return;
        }
        Assert.Equal(expected, Fields[field](seen) ? "shown" : "absent");
    }

    private async Task<string> LocatedCase()
    {
        await Once.WaitAsync();
        try
        {
            return _case ??= await Requests.LocatedCase(host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"), "isolation-" + Guid.NewGuid().ToString("N")[..8]);
        }
        finally
        {
            Once.Release();
        }
    }
}
