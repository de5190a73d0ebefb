using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;
using Common = Mediation.Api.Common.V1;
using Proto = Mediation.Api.Verification.V1;

namespace Mediation.Verification.Api;

/// <summary>
/// Which checklists a party sees (through <see cref="PartyScope"/>), and how a checklist reads to it: once the consent
/// to share is withdrawn, the holding party sees its checks' kinds, states and deadlines, never a reason, a
/// request for information, evidence or an officer. The same rules (<see cref="SeenBy"/>) re-render a replayed answer.
/// </summary>
public static class ChecklistAccess
{
    public static async Task<Checklist> FindVisibleChecklist(this VerificationDb db, Caller caller, string caseId, CancellationToken ct) =>
        await db.Checklists.VisibleTo(caller).Where(c => c.Located)
            .Include(c => c.Checks)
            .SingleOrDefaultAsync(c => c.CaseId == caseId, ct)
        ?? throw new NotFound(ResourceName.Format("cases", caseId) + "/checklist");

    /// <summary>The checklists whose checks can wait on <paramref name="caller"/>: a holding party takes no part once sharing stopped.</summary>
    public static IQueryable<Checklist> ActionableBy(this IQueryable<Checklist> lists, Caller caller) =>
        caller.Kind == PartyKind.Holding ? lists.Where(l => !l.SharingStopped) : lists;

    public static Proto.Checklist ToProto(this Checklist list, Caller caller) => Full(list).SeenBy(caller, list);

    /// <summary>A stored answer's checklist as <paramref name="caller"/> may see it today; one it no longer sees keeps its name only.</summary>
    public static async Task<Proto.Checklist> SeenToday(this VerificationDb db, Proto.Checklist first, Caller caller, CancellationToken ct)
    {
        var caseId = ResourceName.IdOf("cases", first.Case);
        var today = await db.Checklists.VisibleTo(caller).Where(c => c.Located).AsNoTracking().SingleOrDefaultAsync(c => c.CaseId == caseId, ct);
        return first.SeenBy(caller, today);
    }

    /// <summary>What of <paramref name="view"/> <paramref name="caller"/> may see, given the checklist now (null: it no longer sees it).</summary>
    public static Proto.Checklist SeenBy(this Proto.Checklist view, Caller caller, Checklist? today)
    {
        if (today is null)
            return new Proto.Checklist { Name = view.Name, Case = view.Case };
        if (caller.Kind != PartyKind.Holding || !today.SharingStopped)
            return view;
        var seen = view.Clone();
        seen.SharingStopped = true;
        foreach (var check in seen.Checks)
        {
            check.Reason = "";
            check.Evidence.Clear();
            check.AttestedByOfficer = "";
        }
        return seen;
    }

    private static Proto.Checklist Full(Checklist list)
    {
        var view = new Proto.Checklist
        {
            Name = ResourceName.Format("cases", list.CaseId) + "/checklist",
            Case = ResourceName.Format("cases", list.CaseId),
            State = (Proto.ChecklistState)list.State,
            CreateTime = list.CreatedAt.ToTimestamp(),
            UpdateTime = list.UpdatedAt.ToTimestamp(),
            SharingStopped = list.SharingStopped,
        };
        foreach (var check in list.Checks.OrderBy(c => c.Order))
        {
            var item = new Proto.Check
            {
                Type = (Proto.CheckType)check.Type,
                OwnerKind = (Common.PartyKind)check.OwnerKind,
                State = (Proto.CheckState)check.State,
                Reason = check.Reason,
                AttestedByParty = check.AttestedByPartyId is null ? "" : Party.ResourcePrefix + check.AttestedByPartyId,
                AttestedByOfficer = check.AttestedByOfficer ?? "",
                AttestTime = check.AttestedAt.ToTimestamp(),
                WaitingOn = check.IsSettled ? Common.PartyKind.Unspecified : (Common.PartyKind)check.WaitingOn,
                DueTime = check.DueAt.ToTimestamp(),
            };
            item.Evidence.AddRange(check.Evidence.Select(e => new Proto.EvidenceReference { Kind = e.Kind, Issuer = e.Issuer, Sha256 = e.Sha256 }));
            view.Checks.Add(item);
        }
        return view;
    }
}
