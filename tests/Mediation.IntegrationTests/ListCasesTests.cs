using Google.Protobuf.WellKnownTypes;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests;

/// <summary>Listing cases: filters narrow what a party may see and never widen it; pages neither repeat nor skip.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ListCasesTests(EmbeddedHost host)
{
    private readonly PartyClient _requester = host.Party("requester-2");
    private readonly PartyClient _mediator = host.Party("mediator");
    private readonly PartyClient _holder1 = host.Party("holder-1");
    private readonly PartyClient _holder2 = host.Party("holder-2");

    [Fact]
    public async Task Filters_by_party_and_date_narrow_the_list_and_pages_follow_each_other()
    {
        var start = Timestamp.FromDateTime(DateTime.UtcNow.AddMilliseconds(-1));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var toHolder2 = new List<string>();
        for (var i = 0; i < 3; i++)
            toHolder2.Add(await Forwarded($"{tag}-{i}", _holder2));
        var toHolder1 = await Forwarded($"{tag}-x", _holder1);

        var mine = new RequestsApi.ListCasesRequest { RequestingParty = _requester.Resource, CreateTimeAfter = start, PageSize = 1 };
        var seen = new List<string>();
        do
        {
            var page = await _mediator.Requests.ListCasesAsync(mine, _mediator.Headers);
            Assert.True(page.Cases.Count <= 1);
            seen.AddRange(page.Cases.Select(c => c.Name));
            mine.PageToken = page.NextPageToken;
        }
        while (mine.PageToken.Length > 0);
        Assert.Equal([.. toHolder2, toHolder1], seen);

        var atHolder2 = await _mediator.Requests.ListCasesAsync(new() { HoldingParty = _holder2.Resource, CreateTimeAfter = start }, _mediator.Headers);
        Assert.Equal(toHolder2, atHolder2.Cases.Select(c => c.Name));
        var before = await _mediator.Requests.ListCasesAsync(new() { RequestingParty = _requester.Resource, CreateTimeBefore = start, CreateTimeAfter = start }, _mediator.Headers);
        Assert.Empty(before.Cases);

        // A holding party asking for another's cases still sees only its own.
        var widened = await _holder1.Requests.ListCasesAsync(new() { HoldingParty = _holder2.Resource, CreateTimeAfter = start }, _holder1.Headers);
        Assert.Empty(widened.Cases);
        var own = await _holder1.Requests.ListCasesAsync(new() { CreateTimeAfter = start }, _holder1.Headers);
        Assert.Equal([toHolder1], own.Cases.Select(c => c.Name));
    }

    private async Task<string> Forwarded(string tag, PartyClient holder)
    {
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("list-" + tag), _requester.Headers)).Cases[0].Name;
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = "a-" + tag, Name = name }, _mediator.Headers);
        await _mediator.Requests.ForwardCaseAsync(new() { RequestId = "f-" + tag, Name = name, HoldingParty = holder.Resource }, _mediator.Headers);
        return name;
    }
}
