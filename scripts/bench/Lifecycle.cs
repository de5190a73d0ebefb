using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using HdrHistogram;
using Mediation.Host.Demo;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.Bench;

/// <summary>
/// Whole lifecycle: each case driven by the parties that own its steps, as their systems would call the
/// API — submitted, accepted, forwarded, located, every check attested, a handover batch planned, both
/// sides' signed acknowledgement of every custody leg, two follow-up visits, closed — until the requests
/// service reports it CLOSED. A fixed number of cases are in flight; per-case latency runs from the
/// submission to the CLOSED answer.
/// </summary>
/// <param name="caseTimeout">Past this a case counts as failed (e.g. an event stuck in an error queue), and the run goes on.</param>
public sealed class Lifecycle(ServiceAddresses services, DemoParties keys, TimeSpan caseTimeout)
{
    private readonly PartyClient _requester = keys.Client(services, "requester-1", "bench-requester");
    private readonly PartyClient _holder = keys.Client(services, "holder-1", "bench-holder");
    private readonly PartyClient _mediator = keys.Client(services, "mediator", "bench-mediator");

    public sealed record Result(long Cases, long Failed, double Seconds, LongHistogram Latency);

    public async Task<Result> Run(string run, int cases, int concurrency)
    {
        var next = 0L;
        long failed = 0;
        var histograms = Enumerable.Range(0, concurrency).Select(_ => Load.NewHistogram()).ToArray();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            long n;
            while ((n = Interlocked.Increment(ref next)) <= cases)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var timeout = new CancellationTokenSource(caseTimeout);
                    await Drive(run, n, timeout.Token);
                    histograms[worker].RecordValue(Load.Microseconds(t0));
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref failed) <= 3)
                        Console.Error.WriteLine($"case {n} failed: {e.GetType().Name}: {e.Message}");
                }
            }
        })));
        var seconds = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
        var latency = Load.Merge(histograms);
        return new Result(latency.TotalCount, failed, seconds, latency);
    }

    private async Task Drive(string run, long n, CancellationToken ct)
    {
        var submitted = await _requester.Requests.SubmitRequestAsync(IntakeRequests.OneChild(run, n), _requester.Headers, cancellationToken: ct);
        var name = submitted.Cases.Single().Name;

        await _mediator.Requests.AcceptCaseAsync(new() { RequestId = $"accept-{name}", Name = name }, _mediator.Headers, cancellationToken: ct);
        await _mediator.Requests.ForwardCaseAsync(new() { RequestId = $"forward-{name}", Name = name, HoldingParty = _holder.Resource }, _mediator.Headers, cancellationToken: ct);
        var foundAt = new Common.Place { Region = "Southern Region", Settlement = "Riverside", Institution = "Children's Home No. 2" };
        await _holder.Requests.ReportCaseLocatedAsync(new() { RequestId = $"located-{name}", Name = name, Location = foundAt }, _holder.Headers, cancellationToken: ct);

        // Verification opens the checklist when it hears of the location, over the bus.
        var checklist = (await Eventually(() => _mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, _mediator.Headers, cancellationToken: ct).ResponseAsync, ct)).Checklist;
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
            attest.Evidence.Add(new VerificationApi.EvidenceReference { Kind = "document", Issuer = by.PartyId, Sha256 = Sha256($"{name}/{check.Type}") });
            await by.Verification.AttestCheckAsync(attest, by.Headers, cancellationToken: ct);
        }

        // Handover hears of the verification over the bus.
        await Eventually(() => _mediator.Handover.GetCustodyChainAsync(new() { Case = name }, _mediator.Headers, cancellationToken: ct).ResponseAsync, ct);
        var plan = new HandoverApi.PlanBatchRequest
        {
            RequestId = $"batch-{name}",
            Venue = new Common.Place { Region = "Capital", Settlement = "Capital City", Institution = "Embassy of the mediating state" },
            ScheduledTime = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
        };
        plan.Cases.Add(name);
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = _holder.Resource, ToCustodian = _mediator.Resource, Place = "Embassy of the mediating state" });
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = _mediator.Resource, ToCustodian = _requester.Resource, Place = "Border crossing point" });
        plan.Legs.Add(new HandoverApi.LegPlan { FromCustodian = _requester.Resource, ToCustodian = "claimant", Place = "Family reunification centre" });
        var batch = (await _mediator.Handover.PlanBatchAsync(plan, _mediator.Headers, cancellationToken: ct)).Batch;

        foreach (var leg in batch.Legs)
        {
            var giver = ByCustodian(leg.FromCustodian);
            var receiver = leg.ToCustodian == "claimant" ? _requester : ByCustodian(leg.ToCustodian);
            await giver.Handover.AcknowledgeCustodyAsync(giver.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Giver), giver.Headers, cancellationToken: ct);
            await receiver.Handover.AcknowledgeCustodyAsync(receiver.Acknowledgement(batch.Name, name, leg, HandoverApi.CustodyRole.Receiver), receiver.Headers, cancellationToken: ct);
        }
        for (var visit = 1; visit <= 2; visit++)
            await _requester.Handover.RecordFollowUpVisitAsync(new() { RequestId = $"visit-{visit}-{name}", Case = name, VisitTime = Timestamp.FromDateTime(DateTime.UtcNow) }, _requester.Headers, cancellationToken: ct);
        await _mediator.Handover.CloseCaseAsync(new() { RequestId = $"close-{name}", Case = name }, _mediator.Headers, cancellationToken: ct);

        // The requests service hears of the closure over the bus; the case is done when the requester sees it CLOSED.
        await Eventually(async () =>
        {
            var c = await _requester.Requests.GetCaseAsync(new() { Name = name }, _requester.Headers, cancellationToken: ct);
            return c.Case.Stage == RequestsApi.CaseStage.Closed ? c : throw new RpcException(new Status(StatusCode.NotFound, "not closed yet"));
        }, ct);
    }

    private PartyClient ByCustodian(string custodian) =>
        custodian == _holder.Resource ? _holder : custodian == _mediator.Resource ? _mediator : _requester;

    private PartyClient OwnerOf(Common.PartyKind kind) => kind switch
    {
        Common.PartyKind.Requesting => _requester,
        Common.PartyKind.Holding => _holder,
        _ => _mediator,
    };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// What another service learns from the bus: retried while the answer is NOT_FOUND, as a partner would,
    /// every 10 ms at first and less often the longer it takes (at most every 500 ms: polling is load on the services too).
    /// </summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> attempt, CancellationToken ct)
    {
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && !ct.IsCancellationRequested)
            {
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
            }
        }
    }
}
