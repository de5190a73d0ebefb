using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>The live event stream: a party disconnected and resumed from its cursor sees every event once.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class WatchTests(EmbeddedHost host)
{
    private readonly PartyClient _requester = host.Party("requester-2");
    private readonly PartyClient _mediator = host.Party("mediator");
    private readonly PartyClient _holder = host.Party("holder-2");

    [Fact]
    public async Task A_client_resumed_from_its_cursor_after_a_disconnect_sees_every_event_exactly_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = (await _requester.Requests.SubmitRequestAsync(Requests.OneChild("watch-" + tag), _requester.Headers)).Cases[0].Name;
        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = "a-" + tag, Name = name }, _mediator.Headers);

        var received = new List<RequestsApi.WatchCaseEventsResponse>();
        // First connection: read up to the acceptance, then drop the connection.
        var cursor = await Read(received, "", r => r.Case == name && r.Event.Type == "CaseAccepted");

        // While disconnected, the case moves on in two services.
        await _mediator.Requests.ForwardCaseAsync(new() { RequestId = "f-" + tag, Name = name, HoldingParty = _holder.Resource }, _mediator.Headers);
        await _holder.Requests.ReportCaseLocatedAsync(new() { RequestId = "l-" + tag, Name = name, Location = new Common.Place { Region = "Test Region" } }, _holder.Headers);

        await Read(received, cursor, r => r.Case == name && r.Event.Type == "ChecklistOpened");

        var mine = received.Where(r => r.Case == name).Select(r => r.Event.Type).ToList();
        Assert.Equal(["CaseSubmitted", "CaseAccepted", "CaseForwarded", "CaseLocated", "ChecklistOpened"], mine);
        Assert.Equal(received.Count, received.Select(r => r.Cursor).Distinct().Count());

        // Another party's cases never appear in this party's stream.
        var mediatorOnly = (await _mediator.Requests.ListCasesAsync(new() { RequestingParty = "parties/requester-1", PageSize = 500 }, _mediator.Headers)).Cases.Select(c => c.Name).ToHashSet();
        Assert.DoesNotContain(received, r => mediatorOnly.Contains(r.Case));
    }

    /// <summary>Reads the stream from <paramref name="cursor"/> until <paramref name="until"/> holds, then disconnects; returns the last cursor.</summary>
    private async Task<string> Read(List<RequestsApi.WatchCaseEventsResponse> into, string cursor, Func<RequestsApi.WatchCaseEventsResponse, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = _requester.Requests.WatchCaseEvents(new() { Cursor = cursor }, _requester.Headers, cancellationToken: timeout.Token);
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            into.Add(response);
            if (until(response))
                return response.Cursor;
        }
        throw new InvalidOperationException("the stream ended");
    }
}
