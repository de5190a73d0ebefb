using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;
using Common = Mediation.Api.Common.V1;
using Proto = Mediation.Api.Verification.V1;

namespace Mediation.Verification.Api;

/// <summary>Which checklists a party sees (through <see cref="PartyScope"/>), and how a checklist reads.</summary>
public static class ChecklistAccess
{
    public static async Task<Checklist> FindVisibleChecklist(this VerificationDb db, Caller caller, string caseId, CancellationToken ct) =>
        await db.Checklists.VisibleTo(caller).Where(c => c.Located)
            .Include(c => c.Checks)
            .SingleOrDefaultAsync(c => c.CaseId == caseId, ct)
        ?? throw new NotFound(ResourceName.Format("cases", caseId) + "/checklist");

    public static Proto.Checklist ToProto(this Checklist list)
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
