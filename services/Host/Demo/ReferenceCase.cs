using Mediation.Client;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Host.Demo;

/// <summary>
/// Plays the reference case through the public gRPC API with the client library, each step by the party that owns it:
/// the request for eleven children, review and forwarding, location, every check, one handover batch
/// with three custody legs acknowledged on both sides, follow-up and closure.
/// </summary>
public sealed class ReferenceCase(ServiceAddresses services, DemoParties keys, TextWriter log)
{
    public sealed record Outcome(IReadOnlyList<string> Cases, string Batch);

    private readonly CaseSteps _steps = new(
        keys.Requesting(services, "requester-1", "officer-r1"), keys.Holding(services, "holder-1", "officer-h1"), keys.Mediator(services, "officer-m1"));

    public RequestingPartyClient Requester => _steps.Requester;
    public HoldingPartyClient Holder => _steps.Holder;
    public MediatorClient Mediator => _steps.Mediator;

    public async Task<Outcome> Play(CancellationToken ct)
    {
        var children = ReferenceChildren.All(DateOnly.FromDateTime(DateTime.UtcNow));
        var run = Guid.NewGuid().ToString("N")[..8];

        var submit = new RequestsApi.SubmitRequestRequest { RequestId = $"reference-{run}" };
        submit.Children.AddRange(children.Select(c => c.Request));
        var submitted = await Requester.SubmitRequestAsync(submit, ct);
        var cases = submitted.Cases.Select(c => c.Name).ToList();
        log.WriteLine($"[requester-1] submitted {submitted.Name} for {cases.Count} children");

        for (var i = 0; i < cases.Count; i++)
        {
            await _steps.ReviewAndLocate(cases[i], children[i].FoundAt, ct);
            log.WriteLine($"[mediator] accepted and forwarded {cases[i]}; [holder-1] located it ({children[i].Story})");
        }

        foreach (var name in cases)
        {
            var order = await _steps.PassEveryCheck(name, ct);
            log.WriteLine($"[verification] {name}: {string.Join(", ", order)} passed");
        }

        // Handover learns of each verification from the bus.
        foreach (var name in cases)
            await _steps.AwaitHandover(name, ct);
        var batch = await _steps.PlanBatch($"batch-{run}", cases, ct);
        log.WriteLine($"[mediator] planned {batch.Name}: {batch.Children.Count} children, {batch.Legs.Count} legs, venue {batch.Venue.Institution}");

        foreach (var leg in batch.Legs)
        {
            foreach (var name in cases)
                await _steps.AcknowledgeLeg(batch, leg, name, ct);
            log.WriteLine($"[handover] leg {leg.Number} {leg.FromCustodian} → {leg.ToCustodian} acknowledged by both sides for every child");
        }

        foreach (var name in cases)
            await _steps.FollowUpAndClose(name, ct);
        log.WriteLine("[requester-1] follow-up visits recorded; [mediator] closed every case");

        foreach (var name in cases)
            await _steps.AwaitClosed(name, ct);
        log.WriteLine($"[requests] all {cases.Count} cases REUNITED and CLOSED; timelines complete");
        return new Outcome(cases, batch.Name);
    }
}
