using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;
using Common = Mediation.Api.Common.V1;
using Proto = Mediation.Api.Handover.V1;

namespace Mediation.Handover.Api;

/// <summary>Which cases and batches a party sees (through <see cref="PartyScope"/>), and how they read.</summary>
public static class HandoverAccess
{
    public static async Task<HandoverCase> FindVisibleCase(this HandoverDb db, Caller caller, string caseId, CancellationToken ct) =>
        await db.Cases.VisibleTo(caller).Where(c => c.VerifiedAt != null).Include(c => c.Visits).SingleOrDefaultAsync(c => c.CaseId == caseId, ct)
        ?? throw new NotFound(ResourceName.Format("cases", caseId));

    public static async Task<HandoverBatch> FindVisibleBatch(this HandoverDb db, Caller caller, string batchId, CancellationToken ct) =>
        await db.Batches.VisibleTo(caller).SingleOrDefaultAsync(b => b.Id == batchId, ct)
        ?? throw new NotFound(ResourceName.Format("batches", batchId));

    /// <summary>
    /// A stored answer's custody chain as <paramref name="caller"/> may see it today. Handover cuts no field by party
    /// (a chain is what both sides signed), so what changes is whether the caller still sees the case: if not, the
    /// case's name only.
    /// </summary>
    public static async Task<Proto.CustodyChain> SeenToday(this HandoverDb db, Proto.CustodyChain first, Caller caller, CancellationToken ct)
    {
        var caseId = ResourceName.IdOf("cases", first.Case);
        return await db.Cases.VisibleTo(caller).AnyAsync(c => c.CaseId == caseId && c.VerifiedAt != null, ct) ? first : new Proto.CustodyChain { Case = first.Case };
    }

    /// <summary>A stored answer's batch as <paramref name="caller"/> may see it today: its name only once it sees the batch no more.</summary>
    public static async Task<Proto.Batch> SeenToday(this HandoverDb db, Proto.Batch first, Caller caller, CancellationToken ct)
    {
        var batchId = ResourceName.IdOf("batches", first.Name);
        return await db.Batches.VisibleTo(caller).AnyAsync(b => b.Id == batchId, ct) ? await db.SeenBy(first, caller, ct) : new Proto.Batch { Name = first.Name };
    }

    /// <summary>
    /// A batch as <paramref name="caller"/> may see it: once the consent to share a child's data is withdrawn, the
    /// holding party reads the incidents about that child without their free text or officer (kind, hold, party and
    /// time stay). Used by every read and replay of a batch.
    /// </summary>
    public static async Task<Proto.Batch> SeenBy(this HandoverDb db, Proto.Batch view, Caller caller, CancellationToken ct)
    {
        if (caller.Kind != PartyKind.Holding)
            return view;
        var ids = view.Incidents.Select(i => ResourceName.IdOf("cases", i.Case)).OfType<string>().Distinct().ToList();
        if (ids.Count == 0)
            return view;
        var stopped = (await db.Cases.Where(c => ids.Contains(c.CaseId) && c.SharingStopped).Select(c => c.CaseId).ToListAsync(ct))
            .Select(id => ResourceName.Format("cases", id)).ToHashSet();
        if (stopped.Count == 0)
            return view;
        var seen = view.Clone();
        foreach (var incident in seen.Incidents.Where(i => stopped.Contains(i.Case)))
        {
            incident.Note = "";
            incident.ReportedByOfficer = "";
        }
        return seen;
    }

    public static async Task<Proto.CustodyChain> ChainOf(this HandoverDb db, HandoverCase c, FollowUpPolicy followUp, CancellationToken ct)
    {
        var batch = c.BatchId is null ? null : await db.Batches.SingleAsync(b => b.Id == c.BatchId, ct);
        var entries = await db.Acknowledgements.Where(a => a.CaseId == c.CaseId).OrderBy(a => a.Sequence).AsNoTracking().ToListAsync(ct);
        // Entries staged in this unit of work (not yet saved) belong to the answer too.
        entries.AddRange(db.ChangeTracker.Entries<CustodyAcknowledgement>()
            .Where(e => e.State == EntityState.Added && e.Entity.CaseId == c.CaseId).Select(e => e.Entity));
        var chain = new Proto.CustodyChain
        {
            Case = ResourceName.Format("cases", c.CaseId),
            State = (Proto.HandoverCaseState)c.State,
            CurrentCustodian = c.CurrentCustodian(batch),
            FollowUpVisits = c.Visits.Count,
            FollowUpVisitsRequired = followUp.RequiredVisits,
            SharingStopped = c.SharingStopped,
            OriginCustodian = Party.ResourcePrefix + c.HoldingPartyId,
            HeadHash = entries.Count == 0 ? "" : entries[^1].EntryHash,
            NextFollowUpDueTime = c.State == HandoverCaseState.Reunited ? c.FollowUpDue(c.Visits.Count + 1, followUp).ToTimestamp() : null,
        };
        var sequence = 0;
        foreach (var a in entries)
        {
            chain.Entries.Add(new Proto.CustodyEntry
            {
                Sequence = ++sequence,
                Batch = ResourceName.Format("batches", a.BatchId),
                Leg = a.Leg,
                FromCustodian = a.FromCustodian,
                ToCustodian = a.ToCustodian,
                Role = (Proto.CustodyRole)a.Role,
                Party = Party.ResourcePrefix + a.PartyId,
                Officer = a.Officer,
                Place = a.Place,
                AcknowledgeTime = a.AcknowledgedAt.ToTimestamp(),
                Signature = Google.Protobuf.ByteString.CopyFrom(a.Signature),
                PreviousHash = a.PreviousHash,
                EntryHash = a.EntryHash,
            });
        }
        return chain;
    }

    public static Proto.Batch ToProto(this HandoverBatch batch, IEnumerable<HandoverCase> children, IEnumerable<Incident> incidents)
    {
        var cases = children.ToList();
        var view = new Proto.Batch
        {
            Name = ResourceName.Format("batches", batch.Id),
            State = (Proto.BatchState)HandoverBatch.StateOf(cases),
            Venue = new Common.Place { Region = batch.Venue.Region, Settlement = batch.Venue.Settlement, Institution = batch.Venue.Institution },
            ScheduledTime = batch.ScheduledAt.ToTimestamp(),
            CreateTime = batch.CreatedAt.ToTimestamp(),
        };
        view.Legs.AddRange(batch.Legs.OrderBy(l => l.Number).Select(l => new Proto.Leg
        {
            Number = l.Number,
            FromCustodian = l.FromCustodian,
            ToCustodian = l.ToCustodian,
            Place = l.Place,
        }));
        view.Children.AddRange(cases.OrderBy(c => c.CaseId).Select(c => new Proto.BatchChild
        {
            Case = ResourceName.Format("cases", c.CaseId),
            State = (Proto.HandoverCaseState)c.State,
            CurrentCustodian = c.CurrentCustodian(batch),
            LegsCompleted = c.LegsCompleted,
        }));
        view.Incidents.AddRange(incidents.Select(i => new Proto.Incident
        {
            Kind = (Proto.IncidentKind)i.Kind,
            Case = i.CaseId is null ? "" : ResourceName.Format("cases", i.CaseId),
            Note = i.Note,
            HeldBack = i.HeldBack,
            ReportedByParty = Party.ResourcePrefix + i.PartyId,
            ReportedByOfficer = i.Officer,
            RecordTime = i.RecordedAt.ToTimestamp(),
        }));
        return view;
    }
}
