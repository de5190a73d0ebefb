using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;
using Proto = Mediation.Api.Requests.V1;

namespace Mediation.Requests.Api;

/// <summary>
/// The one place that decides which cases a party sees and how much of each (docs/DESIGN.md §2).
/// Every read goes through <see cref="PartyScope.VisibleTo"/> and every answer through <see cref="ToProto"/>;
/// a case a party may not see does not exist for it (NOT_FOUND).
/// </summary>
public static class CaseAccess
{
    public static async Task<Case> FindVisibleCase(this RequestsDb db, Caller caller, string caseId, CancellationToken ct) =>
        await db.Cases.VisibleTo(caller)
            .Include(c => c.Claimants)
            .SingleOrDefaultAsync(c => c.Id == caseId, ct)
        ?? throw new NotFound(ResourceName.Format("cases", caseId));

    /// <summary>A timeline entry on the wire; summaries carry no personal data, so every party that sees the case sees all of it.</summary>
    public static Proto.CaseEvent ToProto(this TimelineEntry t) => new()
    {
        Type = t.Type,
        Service = t.Service,
        Party = t.PartyId is null ? "" : Party.ResourcePrefix + t.PartyId,
        Officer = t.Officer ?? "",
        Stage = (Proto.CaseStage)t.Stage,
        OccurTime = t.OccurredAt.ToTimestamp(),
        Summary = t.Summary,
    };

    /// <summary>
    /// The case as <paramref name="caller"/> may see it: the holding party never gets claimants' contact
    /// details, nor who gave the consents.
    /// </summary>
    public static Proto.Case ToProto(this Case c, Caller caller)
    {
        if (caller.Kind == PartyKind.Holding && c.SharingStopped)
            return new Proto.Case
            {
                Name = ResourceName.Format("cases", c.Id),
                Request = ResourceName.Format("requests", c.TracingRequestId),
                RequestingParty = Party.ResourcePrefix + c.RequestingPartyId,
                HoldingParty = Party.ResourcePrefix + c.HoldingPartyId,
                Stage = (Proto.CaseStage)c.Stage,
                SharingStopped = true,
                CreateTime = c.CreatedAt.ToTimestamp(),
                UpdateTime = c.UpdatedAt.ToTimestamp(),
            };
        var view = new Proto.Case
        {
            Name = ResourceName.Format("cases", c.Id),
            Request = ResourceName.Format("requests", c.TracingRequestId),
            RequestingParty = Party.ResourcePrefix + c.RequestingPartyId,
            HoldingParty = c.HoldingPartyId is null ? "" : Party.ResourcePrefix + c.HoldingPartyId,
            Stage = (Proto.CaseStage)c.Stage,
            Child = new Proto.Child
            {
                GivenName = c.Child.GivenName,
                FamilyName = c.Child.FamilyName,
                BirthDate = c.Child.BirthDate.ToProto(),
                LastKnownPlace = c.Child.LastKnownPlace.ToProto(),
                SpecialNeeds = c.Child.SpecialNeeds,
            },
            CurrentLocation = c.CurrentLocation?.ToProto(),
            DuplicateOf = c.DuplicateOf is null ? "" : ResourceName.Format("cases", c.DuplicateOf),
            RejectionReason = c.RejectionReason ?? "",
            CreateTime = c.CreatedAt.ToTimestamp(),
            UpdateTime = c.UpdatedAt.ToTimestamp(),
            NotLocatedNote = c.NotLocatedNote ?? "",
            SharingStopped = c.SharingStopped,
        };
        var withContacts = caller.Kind is PartyKind.Mediator or PartyKind.Requesting;
        if (withContacts)
        {
            view.Consent = new Proto.Consent
            {
                Trace = c.TraceConsent.ToProto(),
                Share = c.ShareConsent.ToProto(),
                ShareWithdrawTime = c.ShareConsent.WithdrawnAt.ToTimestamp(),
                ShareWithdrawnBy = c.ShareConsent.WithdrawnBy ?? "",
            };
            view.ConsentOverrideReason = c.ConsentOverrideReason ?? "";
        }
        foreach (var claimant in c.Claimants.OrderBy(x => x.Id))
        {
            view.Claimants.Add(new Proto.Claimant
            {
                GivenName = claimant.GivenName,
                FamilyName = claimant.FamilyName,
                Relationship = (Proto.Relationship)claimant.Relationship,
                HoldsCustody = claimant.HoldsCustody,
                Contact = withContacts
                    ? new Proto.ContactDetails { Phone = claimant.Phone, Email = claimant.Email, Address = claimant.Address }
                    : null,
            });
        }
        return view;
    }
}
