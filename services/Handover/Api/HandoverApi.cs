using Grpc.Core;
using Mediation.Api.Custody;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;
using Proto = Mediation.Api.Handover.V1;

namespace Mediation.Handover.Api;

public sealed class HandoverApi(HandoverDb db, PartyDirectory parties, FollowUpPolicy followUp, TimeProvider clock)
    : Proto.HandoverService.HandoverServiceBase
{
    private const int MaxCases = 100;
    private const int MaxLegs = 10;
    private const int MaxNote = 2000;
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public override Task<Proto.PlanBatchResponse> PlanBatch(Proto.PlanBatchRequest request, ServerCallContext context)
    {
        var caseIds = new List<string>();
        return db.Mutate(context, clock, request, request.RequestId, (v, _) =>
        {
            v.RequireCount("cases", request.Cases.Count, 1, MaxCases);
            for (var i = 0; i < request.Cases.Count && i < MaxCases; i++)
            {
                if (ResourceName.Parse("cases", request.Cases[i], $"cases[{i}]", v) is not { } id)
                    continue;
                if (caseIds.Contains(id))
                    v.Add($"cases[{i}]", "listed twice");
                caseIds.Add(id);
            }
            if (request.Venue is null)
                v.Add("venue", "required");
            else
                v.RequireText("venue.region", request.Venue.Region, 200).LimitText("venue.settlement", request.Venue.Settlement, 200)
                    .LimitText("venue.institution", request.Venue.Institution, 200);
            v.Time("scheduled_time", request.ScheduledTime);
            CheckLegs(request, v);
        }, async m =>
        {
            var ct = m.Cancellation;
            var cases = await db.Cases.Where(c => caseIds.Contains(c.CaseId) && c.VerifiedAt != null).ToListAsync(ct);
            foreach (var id in caseIds.Where(id => cases.All(c => c.CaseId != id)))
                throw new TransitionRefused($"cases/{id} is not verified, so it cannot join a batch.");
            foreach (var c in cases.Where(c => HandoverCaseTransitions.Next(c.State, HandoverCaseAction.Schedule) is null))
                throw new TransitionRefused($"cases/{c.CaseId} is {c.State} in handover, so it cannot join a batch.");
            foreach (var c in cases.Where(c => c.SharingStopped))
                throw new TransitionRefused($"The consent to share cases/{c.CaseId}'s data was withdrawn; no transfer can be planned.");
            var first = cases[0];
            if (cases.Any(c => c.RequestingPartyId != first.RequestingPartyId || c.HoldingPartyId != first.HoldingPartyId))
                throw new InvalidInput(new FieldViolations().Add("cases", "all cases of a batch share one requesting and one holding party"));
            var custodians = new HashSet<string>();
            foreach (var c in cases)
                custodians.Add(c.CurrentCustodian(c.BatchId is null ? null : await db.Batches.SingleAsync(b => b.Id == c.BatchId, ct)));
            if (custodians.Count > 1)
                throw new InvalidInput(new FieldViolations().Add("cases", "all cases of a batch start with the same custodian"));
            var v = new FieldViolations();
            CheckLegsStayWithTheCase(request, first, m.Party, v);
            if (request.Legs[0].FromCustodian != custodians.Single())
                v.Add("legs[0].from_custodian", $"the first leg starts with the cases' current custodian, {custodians.Single()}");
            if (request.Legs[^1].FromCustodian != Party.ResourcePrefix + first.RequestingPartyId)
                v.Add($"legs[{request.Legs.Count - 1}].from_custodian", $"the last leg is the requesting party's, parties/{first.RequestingPartyId}, to the claimant");
            v.ThrowIfAny();

            var batch = new HandoverBatch
            {
                Id = ResourceName.NewId(),
                RequestingPartyId = first.RequestingPartyId,
                HoldingPartyId = first.HoldingPartyId,
                Venue = new Place { Region = request.Venue!.Region.Trim(), Settlement = request.Venue.Settlement.Trim(), Institution = request.Venue.Institution.Trim() },
                ScheduledAt = request.ScheduledTime!.ToDateTime(),
                Legs = request.Legs.Select((l, i) => new CustodyLeg { Number = i + 1, FromCustodian = l.FromCustodian, ToCustodian = l.ToCustodian, Place = l.Place.Trim() }).ToList(),
                CreatedAt = m.Now,
            };
            db.Batches.Add(batch);
            foreach (var c in cases)
            {
                c.Schedule(batch);
                db.Publish(new CaseScheduledForHandover(c.CaseId, batch.Id, m.Now, m.Party.Id, m.Officer, c.Version), m.Now);
            }
            return new Proto.PlanBatchResponse { Batch = batch.ToProto(cases, []) };
        }, async (first, caller, ct) => new Proto.PlanBatchResponse { Batch = await db.SeenToday(first.Batch, caller, ct) }, (PartyKind.Mediator, "plan handover batches"));
    }

    public override async Task<Proto.GetBatchResponse> GetBatch(Proto.GetBatchRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        var id = ResourceName.Parse("batches", request.Name, "name", v);
        v.ThrowIfAny();
        var batch = await db.FindVisibleBatch(caller, id!, context.CancellationToken);
        return new Proto.GetBatchResponse { Batch = await BatchView(batch, caller, context.CancellationToken) };
    }

    public override Task<Proto.AcknowledgeCustodyResponse> AcknowledgeCustody(Proto.AcknowledgeCustodyRequest request, ServerCallContext context)
    {
        string? batchId = null, caseId = null;
        return db.Mutate(context, clock, request, request.RequestId, (v, now) =>
        {
            batchId = ResourceName.Parse("batches", request.Batch, "batch", v);
            caseId = ResourceName.Parse("cases", request.Case, "case", v);
            if (request.Leg < 1)
                v.Add("leg", "the leg's number, from 1");
            if (request.Role == Proto.CustodyRole.Unspecified || !Enum.IsDefined(request.Role))
                v.Add("role", "required: GIVER or RECEIVER");
            if (request.AcknowledgeTime is null)
                v.Add("acknowledge_time", "required: the time in the signed statement");
            else if (v.Time("acknowledge_time", request.AcknowledgeTime) is not { } signed)
            {
            }
            else if (request.AcknowledgeTime.Nanos % 1_000_000 != 0)
                v.Add("acknowledge_time", "whole milliseconds, as in the signed statement");
            else if ((signed - now).Duration() > MaxClockSkew)
                v.Add("acknowledge_time", $"more than {MaxClockSkew.TotalMinutes:0} minutes from the service's clock ({CustodyStatement.FormatTime(now)})");
            if (request.Signature.Length != 64)
                v.Add("signature", "64 bytes expected: ECDSA P-256 r||s of the statement");
            if (request.PreviousHash.Length != 64 || !request.PreviousHash.All(char.IsAsciiHexDigitLower))
                v.Add("previous_hash", "64 lowercase hex digits expected: the chain's head_hash, or 64 zeros for the first entry");
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var publicKey = caller.Party.PublicKey
                ?? throw new NotPermitted($"No public key is configured for {caller.Party.ResourceName}, so its acknowledgements cannot be checked.");
            // Parties in a leg see the case; anyone else gets NOT_FOUND for both.
            var c = await db.FindVisibleCase(caller, caseId!, ct);
            var batch = await db.FindVisibleBatch(caller, batchId!, ct);
            var role = (CustodyRole)request.Role;
            var legCompleted = c.Acknowledge(batch, request.Leg, role, caller.Party, now);
            var leg = batch.Leg(request.Leg);
            var signedAt = request.AcknowledgeTime!.ToDateTime();
            // The signature covers the chain so far: one made over an older head would link this entry to nothing.
            var previous = await db.Acknowledgements.Where(a => a.CaseId == c.CaseId).OrderByDescending(a => a.Sequence)
                .Select(a => a.EntryHash).FirstOrDefaultAsync(ct) ?? CustodyStatement.Genesis;
            if (request.PreviousHash != previous)
                throw new TransitionRefused($"The custody chain of {request.Case} has moved on: its head_hash is {previous}, not {request.PreviousHash}. Read it again (GetCustodyChain) and sign over its head.");
            var statement = new CustodyStatement(request.Case, Party.ResourcePrefix + c.HoldingPartyId, previous, request.Batch, leg.Number, request.Role,
                leg.FromCustodian, leg.ToCustodian, caller.Party.ResourceName, leg.Place, signedAt);
            var signature = request.Signature.ToByteArray();
            if (!statement.IsSignedWith(publicKey, signature))
                throw new InvalidInput(new FieldViolations().Add("signature", $"does not verify with {caller.Party.ResourceName}'s public key for this statement:\n{statement.Text}"));
            db.Acknowledgements.Add(new CustodyAcknowledgement
            {
                CaseId = c.CaseId,
                BatchId = batch.Id,
                Leg = leg.Number,
                FromCustodian = leg.FromCustodian,
                ToCustodian = leg.ToCustodian,
                Role = role,
                PartyId = caller.Party.Id,
                Officer = officer,
                Place = leg.Place,
                AcknowledgedAt = signedAt,
                RecordedAt = now,
                Signature = signature,
                PreviousHash = previous,
                EntryHash = statement.EntryHash(signature),
            });
            if (legCompleted)
            {
                db.Publish(new CustodyTransferred(c.CaseId, batch.Id, leg.Number, leg.FromCustodian, leg.ToCustodian, now, caller.Party.Id, officer, c.Version), now);
                if (c.State == HandoverCaseState.Reunited)
                    db.Publish(new CaseReunited(c.CaseId, batch.Id, now, caller.Party.Id, officer, c.Version), now);
            }
            return new Proto.AcknowledgeCustodyResponse { Chain = await db.ChainOf(c, followUp, ct) };
        }, async (first, caller, ct) => new Proto.AcknowledgeCustodyResponse { Chain = await db.SeenToday(first.Chain, caller, ct) });
    }

    public override async Task<Proto.GetCustodyChainResponse> GetCustodyChain(Proto.GetCustodyChainRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        var caseId = ResourceName.Parse("cases", request.Case, "case", v);
        v.ThrowIfAny();
        var c = await db.FindVisibleCase(caller, caseId!, context.CancellationToken);
        return new Proto.GetCustodyChainResponse { Chain = await db.ChainOf(c, followUp, context.CancellationToken) };
    }

    public override Task<Proto.RecordIncidentResponse> RecordIncident(Proto.RecordIncidentRequest request, ServerCallContext context)
    {
        string? batchId = null, caseId = null;
        return db.Mutate(context, clock, request, request.RequestId, (v, now) =>
        {
            batchId = ResourceName.Parse("batches", request.Batch, "batch", v);
            if (!string.IsNullOrEmpty(request.Case))
                caseId = ResourceName.Parse("cases", request.Case, "case", v);
            else if (request.HoldBack)
                v.Add("case", "required to hold a child back");
            if (request.Kind == Proto.IncidentKind.Unspecified || !Enum.IsDefined(request.Kind))
                v.Add("kind", "required, one of the IncidentKind values");
            v.RequireText("note", request.Note, MaxNote);
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var batch = await db.FindVisibleBatch(caller, batchId!, ct);
            var affected = await db.Cases.Where(c => c.BatchId == batch.Id && (caseId == null || c.CaseId == caseId)).ToListAsync(ct);
            if (caseId is not null && affected.Count == 0)
                throw new NotFound($"cases/{caseId} in batches/{batch.Id}");
            if (request.HoldBack)
                affected[0].HoldBack();
            else
                affected.ForEach(c => c.NoteIncident());
            var kind = (IncidentKind)request.Kind;
            db.Incidents.Add(new Incident
            {
                BatchId = batch.Id,
                CaseId = caseId,
                Kind = kind,
                Note = request.Note.Trim(),
                HeldBack = request.HoldBack,
                PartyId = caller.Party.Id,
                Officer = officer,
                RecordedAt = now,
            });
            foreach (var c in affected)
                db.Publish(new HandoverIncidentRecorded(c.CaseId, batch.Id, kind.ToString(), request.HoldBack, now, caller.Party.Id, officer, c.Version), now);
            return new Proto.RecordIncidentResponse { Batch = await BatchView(batch, caller, ct) };
        }, async (first, caller, ct) => new Proto.RecordIncidentResponse { Batch = await db.SeenToday(first.Batch, caller, ct) });
    }

    public override Task<Proto.ReleaseHoldResponse> ReleaseHold(Proto.ReleaseHoldRequest request, ServerCallContext context)
    {
        string? batchId = null, caseId = null;
        return db.Mutate(context, clock, request, request.RequestId, (v, now) =>
        {
            batchId = ResourceName.Parse("batches", request.Batch, "batch", v);
            caseId = ResourceName.Parse("cases", request.Case, "case", v);
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var batch = await db.FindVisibleBatch(caller, batchId!, ct);
            var c = await db.Cases.SingleOrDefaultAsync(x => x.CaseId == caseId && x.BatchId == batch.Id, ct)
                ?? throw new NotFound($"cases/{caseId} in batches/{batch.Id}");
            c.Release();
            db.Publish(new HoldReleased(c.CaseId, batch.Id, now, caller.Party.Id, officer, c.Version), now);
            return new Proto.ReleaseHoldResponse { Batch = await BatchView(batch, caller, ct) };
        }, async (first, caller, ct) => new Proto.ReleaseHoldResponse { Batch = await db.SeenToday(first.Batch, caller, ct) }, (PartyKind.Mediator, "release held-back children"));
    }

    public override Task<Proto.RecordFollowUpVisitResponse> RecordFollowUpVisit(Proto.RecordFollowUpVisitRequest request, ServerCallContext context)
    {
        string? caseId = null;
        return db.Mutate(context, clock, request, request.RequestId, (v, now) =>
        {
            caseId = ResourceName.Parse("cases", request.Case, "case", v);
            if (v.Time("visit_time", request.VisitTime) > now)
                v.Add("visit_time", "in the future");
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var c = await db.FindVisibleCase(caller, caseId!, ct);
            var visit = c.RecordVisit(request.VisitTime!.ToDateTime(), followUp.RequiredVisits, caller.Party, officer, now);
            db.Add(visit);
            db.Publish(new FollowUpVisitRecorded(c.CaseId, visit.Number, now, caller.Party.Id, officer, c.Version), now);
            return new Proto.RecordFollowUpVisitResponse { Chain = await db.ChainOf(c, followUp, ct) };
        }, async (first, caller, ct) => new Proto.RecordFollowUpVisitResponse { Chain = await db.SeenToday(first.Chain, caller, ct) }, (PartyKind.Requesting, "record follow-up visits"));
    }

    public override Task<Proto.CloseCaseResponse> CloseCase(Proto.CloseCaseRequest request, ServerCallContext context)
    {
        string? caseId = null;
        return db.Mutate(context, clock, request, request.RequestId, (v, now) =>
        {
            caseId = ResourceName.Parse("cases", request.Case, "case", v);
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var c = await db.FindVisibleCase(caller, caseId!, ct);
            c.Close(followUp.RequiredVisits, now);
            db.Publish(new CaseClosed(c.CaseId, now, caller.Party.Id, officer, c.Version), now);
            return new Proto.CloseCaseResponse { Chain = await db.ChainOf(c, followUp, ct) };
        }, async (first, caller, ct) => new Proto.CloseCaseResponse { Chain = await db.SeenToday(first.Chain, caller, ct) }, (PartyKind.Mediator, "close cases"));
    }

    /// <summary>The legs must form one chain: from known parties, each from the previous receiver, ending with the claimant.</summary>
    private void CheckLegs(Proto.PlanBatchRequest request, FieldViolations v)
    {
        v.RequireCount("legs", request.Legs.Count, 1, MaxLegs);
        for (var i = 0; i < request.Legs.Count && i < MaxLegs; i++)
        {
            var leg = request.Legs[i];
            var path = $"legs[{i}]";
            var last = i == request.Legs.Count - 1;
            if (parties.FindByResourceName(leg.FromCustodian) is null)
                v.Add($"{path}.from_custodian", "expected 'parties/{id}' of a known party");
            if (last && leg.ToCustodian != Custodian.Claimant)
                v.Add($"{path}.to_custodian", $"the last leg ends with '{Custodian.Claimant}'");
            else if (!last && parties.FindByResourceName(leg.ToCustodian) is null)
                v.Add($"{path}.to_custodian", "expected 'parties/{id}' of a known party");
            if (leg.ToCustodian == leg.FromCustodian)
                v.Add($"{path}.to_custodian", "differs from from_custodian");
            if (i > 0 && leg.FromCustodian != request.Legs[i - 1].ToCustodian)
                v.Add($"{path}.from_custodian", "each leg starts with the previous leg's receiver");
            v.RequireText($"{path}.place", leg.Place, 200);
        }
    }

    /// <summary>
    /// A child passes only between the mediator and its own case's requesting and holding parties: a leg through
    /// anyone else (an observer, another holder) is one nobody on it may acknowledge, and the child would wait there.
    /// </summary>
    private static void CheckLegsStayWithTheCase(Proto.PlanBatchRequest request, HandoverCase c, Party mediator, FieldViolations v)
    {
        string[] custodians = [mediator.ResourceName, Party.ResourcePrefix + c.RequestingPartyId, Party.ResourcePrefix + c.HoldingPartyId];
        var expected = $"one of {string.Join(", ", custodians)} (the mediator and the cases' requesting and holding parties)";
        for (var i = 0; i < request.Legs.Count; i++)
        {
            if (!custodians.Contains(request.Legs[i].FromCustodian))
                v.Add($"legs[{i}].from_custodian", expected);
            if (request.Legs[i].ToCustodian != Custodian.Claimant && !custodians.Contains(request.Legs[i].ToCustodian))
                v.Add($"legs[{i}].to_custodian", expected);
        }
    }

    private async Task<Proto.Batch> BatchView(HandoverBatch batch, Caller caller, CancellationToken ct)
    {
        var cases = await db.Cases.Where(c => c.BatchId == batch.Id).AsNoTracking().ToListAsync(ct);
        // Changes staged in this unit of work are part of the answer.
        var staged = db.ChangeTracker.Entries<HandoverCase>().Select(e => e.Entity).Where(c => c.BatchId == batch.Id).ToDictionary(c => c.CaseId);
        var incidents = await db.Incidents.Where(i => i.BatchId == batch.Id).OrderBy(i => i.Id).AsNoTracking().ToListAsync(ct);
        incidents.AddRange(db.ChangeTracker.Entries<Incident>().Where(e => e.State == EntityState.Added && e.Entity.BatchId == batch.Id).Select(e => e.Entity));
        return await db.SeenBy(batch.ToProto(cases.Select(c => staged.GetValueOrDefault(c.CaseId, c)), incidents), caller, ct);
    }
}
