using Google.Protobuf;
using Grpc.Core;
using Mediation.Host.Demo;
using Common = Mediation.Api.Common.V1;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Issue 20, finding 3: after holder-1 reported a child not located and the mediator forwarded the case to holder-2,
/// holder-2 read holder-1's free-text note in the case and holder-1's officer in the timeline. A holding party sees
/// what it needs to locate the child and what it itself reported; holder-1, once the case has left it, sees the case
/// no more (NOT_FOUND, as any other party's case), not even through a replay of its own earlier call.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class SecondHolderSeesOnlyItsOwnTests(EmbeddedHost host)
{
    private const string Note = "Asked at the orphanage no. 3 in Test Town about the girl, b. 2015; the director said she was moved";
    private const string FirstOfficer = "officer-h1-olena";

    private readonly PartyClient _requester = host.Party("requester-1", "officer-r1");
    private readonly PartyClient _mediator = host.Party("mediator", "officer-m");
    private readonly PartyClient _holder1 = host.Party("holder-1", FirstOfficer);
    private readonly PartyClient _holder2 = host.Party("holder-2", "officer-h2");

    /// <summary>Anything of holder-1's time with the case, in any field of any message.</summary>
    private static void NothingOfTheFirstHolder(IMessage seen)
    {
        var text = JsonFormatter.Default.Format(seen);
        Assert.DoesNotContain("orphanage", text);
        Assert.DoesNotContain(FirstOfficer, text);
        Assert.DoesNotContain("holder-1", text);
    }

    private static async Task<List<RequestsApi.WatchCaseEventsResponse>> Watch(PartyClient party, Func<RequestsApi.WatchCaseEventsResponse, bool> until)
    {
        var received = new List<RequestsApi.WatchCaseEventsResponse>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = party.Requests.WatchCaseEvents(new() { Cursor = "" }, party.Headers, cancellationToken: timeout.Token);
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            received.Add(response);
            if (until(response))
                return received;
        }
        throw new InvalidOperationException("the stream ended");
    }

    private static async Task<List<RequestsApi.Case>> AllCases(PartyClient party)
    {
        var cases = new List<RequestsApi.Case>();
        var request = new RequestsApi.ListCasesRequest { PageSize = 500 };
        do
        {
            var page = await party.Requests.ListCasesAsync(request, party.Headers);
            cases.AddRange(page.Cases);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return cases;
    }

    [Fact]
    public async Task The_second_holding_party_sees_nothing_the_first_reported_and_the_first_sees_the_case_no_more()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("s-" + tag), _requester.Headers)).Cases[0].Name;
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = "a-" + tag, Name = name }, _mediator.Headers);
        await _mediator.Requests.ForwardCaseAsync(new() { RequestId = "f1-" + tag, Name = name, HoldingParty = _holder1.Resource }, _mediator.Headers);
        var notLocated = new RequestsApi.ReportCaseNotLocatedRequest { RequestId = "n-" + tag, Name = name, Tried = Note };
        Assert.Equal(Note, (await _holder1.Requests.ReportCaseNotLocatedAsync(notLocated, _holder1.Headers)).Case.NotLocatedNote);
        await _mediator.Requests.ForwardCaseAsync(new() { RequestId = "f2-" + tag, Name = name, HoldingParty = _holder2.Resource }, _mediator.Headers);

        // Holder-2: the child it must locate, nothing of holder-1's — in the case, the list, the timeline and the stream.
        var seen = (await _holder2.Requests.GetCaseAsync(new() { Name = name }, _holder2.Headers)).Case;
        Assert.Equal("Iryna", seen.Child.GivenName);
        Assert.Equal(_holder2.Resource, seen.HoldingParty);
        Assert.Empty(seen.NotLocatedNote);
        NothingOfTheFirstHolder(seen);
        NothingOfTheFirstHolder(Assert.Single(await AllCases(_holder2), c => c.Name == name));
        var events = await _holder2.Requests.ListCaseEventsAsync(new() { Parent = name }, _holder2.Headers);
        Assert.Equal(["CaseSubmitted", "CaseAccepted", "CaseForwarded"], events.Events.Select(e => e.Type));
        NothingOfTheFirstHolder(events);
        Assert.All(events.Events, e => Assert.Empty(e.Officer));

        var located = new RequestsApi.ReportCaseLocatedRequest { RequestId = "l-" + tag, Name = name, Location = new Common.Place { Region = "Test Region", Institution = "Shelter 7" } };
        var answer = (await _holder2.Requests.ReportCaseLocatedAsync(located, _holder2.Headers)).Case;
        NothingOfTheFirstHolder(answer);
        var streamed = (await Watch(_holder2, r => r.Case == name && r.Event.Type == "CaseLocated")).Where(r => r.Case == name).ToList();
        Assert.Equal(["CaseSubmitted", "CaseAccepted", "CaseForwarded", "CaseLocated"], streamed.Select(r => r.Event.Type));
        Assert.All(streamed, NothingOfTheFirstHolder);
        Assert.Equal("officer-h2", streamed[^1].Event.Officer);
        // A replay of holder-2's own call, after the facts changed, shows no more than a read.
        NothingOfTheFirstHolder(await _holder2.Requests.ReportCaseLocatedAsync(located, _holder2.Headers));

        // Holder-1, once the case has left it: NOT_FOUND, absent from its lists and its stream, and its own call replayed hands out nothing of holder-2's.
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _holder1.Requests.GetCaseAsync(new() { Name = name }, _holder1.Headers).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _holder1.Requests.ListCaseEventsAsync(new() { Parent = name }, _holder1.Headers).ResponseAsync)).StatusCode);
        Assert.DoesNotContain(await AllCases(_holder1), c => c.Name == name);
        var replayed = (await _holder1.Requests.ReportCaseNotLocatedAsync(notLocated, _holder1.Headers)).Case;
        Assert.Equal(new RequestsApi.Case { Name = name }, replayed);
        var marker = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("m-" + tag), _requester.Headers)).Cases[0].Name;
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = "ma-" + tag, Name = marker }, _mediator.Headers);
        await _mediator.Requests.ForwardCaseAsync(new() { RequestId = "mf-" + tag, Name = marker, HoldingParty = _holder1.Resource }, _mediator.Headers);
        Assert.DoesNotContain(await Watch(_holder1, r => r.Case == marker && r.Event.Type == "CaseForwarded"), r => r.Case == name);

        // The mediator and the requesting party still read all of it.
        var full = (await _requester.Requests.GetCaseAsync(new() { Name = name }, _requester.Headers)).Case;
        Assert.Equal(Note, full.NotLocatedNote);
        var timeline = await _mediator.Requests.ListCaseEventsAsync(new() { Parent = name }, _mediator.Headers);
        Assert.Contains(timeline.Events, e => e.Type == "CaseNotLocated" && e.Officer == FirstOfficer && e.Party == _holder1.Resource);
    }
}
