using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mediation.Client;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.Host.Demo;

/// <summary>
/// The steps of a case that goes well, each taken by the party that owns it, as their systems call the
/// API: review and forwarding, location, every check, a batch with three custody legs acknowledged on
/// both sides, follow-up and closure. The reference case and the benchmark's lifecycle both walk them,
/// through the client library's party clients. Every call carries a request id made from the case's name
/// (or, for a signed acknowledgement, chosen once with its signature), so a step repeated after a lost
/// answer changes nothing. With a <see cref="CaseEventFeed"/> of the requesting party, a step that waits for what another
/// service learns over the bus waits for the event on the party's stream, and asks once it has come; without, it asks
/// again and again until the answer is there.
/// </summary>
public sealed class CaseSteps(RequestingPartyClient requester, HoldingPartyClient holder, MediatorClient mediator, TimeSpan? patience = null, CaseSteps.ICallPolicy? calls = null,
    CaseEventFeed? feed = null)
{
    /// <summary>
    /// How a party makes each call: as the client library does, by default; a partner's system may call
    /// again after a failure the library gave up on — always with the very same request, so that its
    /// request id finds the first answer.
    /// </summary>
    public interface ICallPolicy
    {
        Task<T> Call<T>(Func<Task<T>> call, CancellationToken ct);
    }

    private sealed class Once : ICallPolicy
    {
        public Task<T> Call<T>(Func<Task<T>> call, CancellationToken ct) => call();
    }

    private readonly ICallPolicy _calls = calls ?? new Once();

    public const int FollowUpVisits = 2;

    /// <summary>How long a step waits for what another service learns over the bus before it gives up.</summary>
    private readonly TimeSpan _patience = patience ?? TimeSpan.FromSeconds(60);

    public RequestingPartyClient Requester => requester;
    public HoldingPartyClient Holder => holder;
    public MediatorClient Mediator => mediator;

    /// <summary>The mediator accepts the case and forwards it to the holding party, which reports where the child is.</summary>
    public async Task ReviewAndLocate(string name, Common.Place foundAt, CancellationToken ct)
    {
        var accept = new RequestsApi.AcceptCaseRequest { RequestId = $"accept-{name}", Name = name };
        await Call(() => mediator.AcceptCaseAsync(accept, ct), ct);
        var forward = new RequestsApi.ForwardCaseRequest { RequestId = $"forward-{name}", Name = name, HoldingParty = holder.Party };
        await Call(() => mediator.ForwardCaseAsync(forward, ct), ct);
        var located = new RequestsApi.ReportCaseLocatedRequest { RequestId = $"located-{name}", Name = name, Location = foundAt };
        await Call(() => holder.ReportCaseLocatedAsync(located, ct), ct);
    }

    /// <summary>Once verification has opened the case's checklist, each check's owner attests it passed, in the listed order. Returns that order.</summary>
    public async Task<IReadOnlyList<VerificationApi.CheckType>> PassEveryCheck(string name, CancellationToken ct)
    {
        await Seen(name, "ChecklistOpened", ct);
        var checklist = (await Eventually(() => Call(() => mediator.GetChecklistAsync(name, ct), ct), ct)).Checklist;
        foreach (var check in checklist.Checks)
        {
            var by = OwnerOf(check.OwnerKind);
            var attest = new VerificationApi.AttestCheckRequest
            {
                RequestId = $"attest-{name}-{check.Type}",
                Checklist = name + "/checklist",
                Check = check.Type,
                Outcome = VerificationApi.AttestationOutcome.Passed,
            };
            attest.Evidence.Add(new VerificationApi.EvidenceReference { Kind = Evidence(check.Type), Issuer = by.Party["parties/".Length..], Sha256 = Sha256($"{name}/{check.Type}") });
            await Call(() => by.AttestCheckAsync(attest, ct), ct);
        }
        return checklist.Checks.Select(c => c.Type).ToList();
    }

    /// <summary>Waits until the handover service has heard of the case's verification.</summary>
    public async Task AwaitHandover(string name, CancellationToken ct)
    {
        // The requests service and the handover service hear of the verification from the same event.
        await Seen(name, "CaseVerified", ct);
        await Eventually(() => Call(() => mediator.GetCustodyChainAsync(name, ct), ct), ct);
    }

    /// <summary>The mediator plans one batch through its embassy: holding party → mediator → requesting party → the claimant.</summary>
    public async Task<HandoverApi.Batch> PlanBatch(string requestId, IEnumerable<string> cases, CancellationToken ct)
    {
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = requestId,
            Venue = new Common.Place { Region = "Capital", Settlement = "Capital City", Institution = "Embassy of the mediating state" },
            ScheduledTime = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
        };
        plan.Cases.AddRange(cases);
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = holder.Party, ToCustodian = mediator.Party, Place = "Embassy of the mediating state, Capital City" });
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = mediator.Party, ToCustodian = requester.Party, Place = "Border crossing point" });
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = requester.Party, ToCustodian = "claimant", Place = "Family reunification centre" });
        return (await Call(() => mediator.PlanBatchAsync(plan, ct), ct)).Batch;
    }

    /// <summary>The giver, then the receiver, acknowledges <paramref name="leg"/> for the child; the requesting party receives for the claimant.</summary>
    public async Task AcknowledgeLeg(HandoverApi.Batch batch, HandoverApi.Leg leg, string name, CancellationToken ct)
    {
        var giver = ByCustodian(leg.FromCustodian);
        var receiver = leg.ToCustodian == "claimant" ? requester : ByCustodian(leg.ToCustodian);
        // Signed once each: a signature is new every time, so a call made again carries the first one.
        var given = await Call(() => giver.SignAcknowledgementAsync(batch.Name, name, leg, HandoverApi.CustodyRole.Giver, ct: ct), ct);
        await Call(() => giver.AcknowledgeCustodyAsync(given, ct), ct);
        var received = await Call(() => receiver.SignAcknowledgementAsync(batch.Name, name, leg, HandoverApi.CustodyRole.Receiver, ct: ct), ct);
        await Call(() => receiver.AcknowledgeCustodyAsync(received, ct), ct);
    }

    /// <summary>The requesting party records the follow-up visits, then the mediator closes the case.</summary>
    public async Task FollowUpAndClose(string name, CancellationToken ct)
    {
        for (var number = 1; number <= FollowUpVisits; number++)
        {
            var visit = new HandoverApi.RecordFollowUpVisitRequest { RequestId = $"visit-{number}-{name}", Case = name, VisitTime = Timestamp.FromDateTime(DateTime.UtcNow) };
            await Call(() => requester.RecordFollowUpVisitAsync(visit, ct), ct);
        }
        var close = new HandoverApi.CloseCaseRequest { RequestId = $"close-{name}", Case = name };
        await Call(() => mediator.CloseCaseAsync(close, ct), ct);
    }

    /// <summary>Waits until the requests service, which hears of the closure over the bus, shows the requesting party the case CLOSED.</summary>
    public async Task AwaitClosed(string name, CancellationToken ct)
    {
        await Seen(name, "CaseClosed", ct);
        await Eventually(() => Call(() => requester.GetCaseAsync(name, ct), ct), ct, c => c.Case.Stage == RequestsApi.CaseStage.Closed);
    }

    /// <summary>With a feed, until the requesting party's stream has carried <paramref name="type"/> for the case (within the patience).</summary>
    private async Task Seen(string name, string type, CancellationToken ct)
    {
        if (feed is null)
            return;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(_patience);
        try
        {
            await feed.WhenSeen(name, type, patience.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{type} for {name} did not come on {requester.Party}'s event stream within {_patience}.");
        }
    }

    private Task<T> Call<T>(Func<Task<T>> call, CancellationToken ct) => _calls.Call(call, ct);

    private CasePartyClient ByCustodian(string custodian) =>
        new CasePartyClient[] { requester, holder, mediator }.Single(p => p.Party == custodian);

    private CasePartyClient OwnerOf(Common.PartyKind kind) => kind switch
    {
        Common.PartyKind.Requesting => requester,
        Common.PartyKind.Holding => holder,
        _ => mediator,
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

    /// <summary>
    /// What another service learns from the bus: asked again while the answer is NOT_FOUND (or not yet
    /// <paramref name="ready"/>), every 10 ms at first and less often the longer it takes (at most every 500 ms:
    /// asking is load on the services too).
    /// </summary>
    private async Task<T> Eventually<T>(Func<Task<T>> attempt, CancellationToken ct, Func<T, bool>? ready = null)
    {
        var deadline = DateTime.UtcNow + _patience;
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                var answer = await attempt();
                if (ready is null || ready(answer))
                    return answer;
                if (DateTime.UtcNow >= deadline)
                    throw new TimeoutException($"Not as expected within {_patience}.");
            }
            catch (MediationRefusal e) when (e.Code == StatusCode.NotFound && DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
            {
            }
            await Task.Delay(pause, ct);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }
    }
}
