using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.Host.Demo;

/// <summary>
/// Plays the reference case through the public gRPC API, each step by the party that owns it:
/// the request for eleven children, review and forwarding, location, every check, one handover batch
/// with three custody legs acknowledged on both sides, follow-up and closure.
/// </summary>
public sealed class ReferenceCase(ServiceAddresses services, DemoParties keys, TextWriter log)
{
    public sealed record Outcome(IReadOnlyList<string> Cases, string Batch);

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    public PartyClient Requester { get; } = keys.Client(services, "requester-1", "officer-r1");
    public PartyClient Holder { get; } = keys.Client(services, "holder-1", "officer-h1");
    public PartyClient Mediator { get; } = keys.Client(services, "mediator", "officer-m1");

    public async Task<Outcome> Play(CancellationToken ct)
    {
        var children = ReferenceChildren.All(DateOnly.FromDateTime(DateTime.UtcNow));
        var run = Guid.NewGuid().ToString("N")[..8];

        var submit = new RequestsApi.SubmitRequestRequest { RequestId = $"reference-{run}" };
        submit.Children.AddRange(children.Select(c => c.Request));
        var submitted = await Requester.Requests.SubmitRequestAsync(submit, Requester.Headers, cancellationToken: ct);
        var cases = submitted.Cases.Select(c => c.Name).ToList();
        log.WriteLine($"[requester-1] submitted {submitted.Name} for {cases.Count} children");

        for (var i = 0; i < cases.Count; i++)
        {
            var name = cases[i];
            await Mediator.Requests.AcceptCaseAsync(new() { RequestId = $"accept-{name}", Name = name }, Mediator.Headers, cancellationToken: ct);
            await Mediator.Requests.ForwardCaseAsync(new() { RequestId = $"forward-{name}", Name = name, HoldingParty = Holder.Resource }, Mediator.Headers, cancellationToken: ct);
            await Holder.Requests.ReportCaseLocatedAsync(new() { RequestId = $"located-{name}", Name = name, Location = children[i].FoundAt }, Holder.Headers, cancellationToken: ct);
            log.WriteLine($"[mediator] accepted and forwarded {name}; [holder-1] located it ({children[i].Story})");
        }

        foreach (var name in cases)
        {
            var checklist = await Eventually(() => Mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, Mediator.Headers, cancellationToken: ct).ResponseAsync, ct);
            var order = checklist.Checklist.Checks.Select(c => c.Type).ToList();
            foreach (var check in order)
            {
                var by = OwnerOf(checklist.Checklist.Checks.Single(c => c.Type == check).OwnerKind);
                var attest = new VerificationApi.AttestCheckRequest
                {
                    RequestId = $"attest-{name}-{check}",
                    Checklist = name + "/checklist",
                    Check = check,
                    Outcome = VerificationApi.AttestationOutcome.Passed,
                };
                attest.Evidence.Add(new VerificationApi.EvidenceReference { Kind = Evidence(check), Issuer = by.PartyId, Sha256 = Sha256($"{name}/{check}") });
                await by.Verification.AttestCheckAsync(attest, by.Headers, cancellationToken: ct);
            }
            log.WriteLine($"[verification] {name}: {string.Join(", ", order)} passed");
        }

        // Handover learns of each verification from the bus.
        foreach (var name in cases)
            await Eventually(() => Mediator.Handover.GetCustodyChainAsync(new() { Case = name }, Mediator.Headers, cancellationToken: ct).ResponseAsync, ct);

        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = $"batch-{run}",
            Venue = new Common.Place { Region = "Capital", Settlement = "Capital City", Institution = "Embassy of the mediating state" },
            ScheduledTime = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
        };
        plan.Cases.AddRange(cases);
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = Holder.Resource, ToCustodian = Mediator.Resource, Place = "Embassy of the mediating state, Capital City" });
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = Mediator.Resource, ToCustodian = Requester.Resource, Place = "Border crossing point" });
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = Requester.Resource, ToCustodian = "claimant", Place = "Family reunification centre" });
        var batch = (await Mediator.Handover.PlanBatchAsync(plan, Mediator.Headers, cancellationToken: ct)).Batch;
        log.WriteLine($"[mediator] planned {batch.Name}: {batch.Children.Count} children, {batch.Legs.Count} legs, venue {batch.Venue.Institution}");

        foreach (var leg in batch.Legs)
        {
            var giver = ByCustodian(leg.FromCustodian);
            var receiver = leg.ToCustodian == "claimant" ? Requester : ByCustodian(leg.ToCustodian);
            foreach (var name in cases)
            {
                await giver.Handover.AcknowledgeCustodyAsync(giver.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Giver), giver.Headers, cancellationToken: ct);
                await receiver.Handover.AcknowledgeCustodyAsync(receiver.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Receiver), receiver.Headers, cancellationToken: ct);
            }
            log.WriteLine($"[handover] leg {leg.Number} {leg.FromCustodian} → {leg.ToCustodian} acknowledged by both sides for every child");
        }

        foreach (var name in cases)
        {
            for (var visit = 1; visit <= 2; visit++)
                await Requester.Handover.RecordFollowUpVisitAsync(new() { RequestId = $"visit-{visit}-{name}", Case = name, VisitTime = Timestamp.FromDateTime(DateTime.UtcNow) }, Requester.Headers, cancellationToken: ct);
            await Mediator.Handover.CloseCaseAsync(new() { RequestId = $"close-{name}", Case = name }, Mediator.Headers, cancellationToken: ct);
        }
        log.WriteLine("[requester-1] follow-up visits recorded; [mediator] closed every case");

        foreach (var name in cases)
            await Eventually(async () =>
            {
                var c = await Requester.Requests.GetCaseAsync(new() { Name = name }, Requester.Headers, cancellationToken: ct);
                return c.Case.Stage == RequestsApi.CaseStage.Closed ? c : throw new RpcException(new Status(StatusCode.NotFound, "not closed yet"));
            }, ct);
        log.WriteLine($"[requests] all {cases.Count} cases REUNITED and CLOSED; timelines complete");
        return new Outcome(cases, batch.Name);
    }

    private PartyClient ByCustodian(string custodian) =>
        new[] { Requester, Holder, Mediator }.Single(p => p.Resource == custodian);

    private PartyClient OwnerOf(Common.PartyKind kind) => kind switch
    {
        Common.PartyKind.Requesting => Requester,
        Common.PartyKind.Holding => Holder,
        _ => Mediator,
    };

    private static string Evidence(VerificationApi.CheckType check) => check switch
    {
        VerificationApi.CheckType.Identity => "birth-certificate",
        VerificationApi.CheckType.Relationship => "family-record",
        VerificationApi.CheckType.Custody => "custody-order",
        VerificationApi.CheckType.ReleaseConsent => "release-decision",
        VerificationApi.CheckType.ChildViews => "interview-record",
        VerificationApi.CheckType.CarePlan => "care-plan",
        VerificationApi.CheckType.FamilyCare => "home-assessment",
        _ => "best-interests-determination",
    };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Waits for what another service learns from the bus: retries while the answer is NOT_FOUND.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> attempt, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(25, ct);
            }
        }
    }
}
