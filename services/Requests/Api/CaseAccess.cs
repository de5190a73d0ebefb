using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;
using Proto = Mediation.Api.Requests.V1;

namespace Mediation.Requests.Api;

/// <summary>
/// The one place that decides which cases a party sees and how much of each (docs/DESIGN.md §2).
/// Every read goes through <see cref="PartyScope.VisibleTo"/> and every answer through <see cref="ToProto(Case, Caller)"/>,
/// whose rules (<see cref="SeenBy"/>) also re-render a replayed answer (<see cref="SeenToday"/>); a case a party may
/// not see does not exist for it (NOT_FOUND). A holding party sees what it needs to locate the child and what it
/// itself reported, never what an earlier holding party reported: not its note, nor its part of the timeline.
/// </summary>
public static class CaseAccess
{
    public static async Task<Case> FindVisibleCase(this RequestsDb db, Caller caller, string caseId, CancellationToken ct) =>
        await db.Cases.VisibleTo(caller)
            .Include(c => c.Claimants)
            .SingleOrDefaultAsync(c => c.Id == caseId, ct)
        ?? throw new NotFound(ResourceName.Format("cases", caseId));

    /// <summary>
    /// The timeline entries <paramref name="caller"/> may read of the cases it sees: a holding party those of its own
    /// time with the case and those from before it was first forwarded; every other party all of them.
    /// </summary>
    public static IQueryable<TimelineEntry> VisibleTo(this IQueryable<TimelineEntry> entries, Caller caller)
    {
        if (caller.Kind != PartyKind.Holding)
            return entries;
        var id = caller.Party.Id;
        return entries.Where(t => t.HoldingPartyId == null || t.HoldingPartyId == id);
    }

    /// <summary>
    /// A timeline entry on the wire; summaries carry no personal data. A holding party reads the officer only on its
    /// own party's entries: other organisations' people are theirs to name.
    /// </summary>
    public static Proto.CaseEvent ToProto(this TimelineEntry t, Caller caller) => new()
    {
        Type = t.Type,
        Service = t.Service,
        Party = t.PartyId is null ? "" : Party.ResourcePrefix + t.PartyId,
        Officer = caller.Kind != PartyKind.Holding || t.PartyId == caller.Party.Id ? t.Officer ?? "" : "",
        Stage = (Proto.CaseStage)t.Stage,
        OccurTime = t.OccurredAt.ToTimestamp(),
        Summary = t.Summary,
    };

    /// <summary>The case as <paramref name="caller"/> may see it.</summary>
    public static Proto.Case ToProto(this Case c, Caller caller) => Full(c).SeenBy(caller, c);

    /// <summary>
    /// A first answer stored for a replay, as <paramref name="caller"/> may see its cases today: re-read, then cut by
    /// the same rules as a read. A case it no longer sees keeps only its name (which the caller gave).
    /// </summary>
    public static async Task<IReadOnlyList<Proto.Case>> SeenToday(this RequestsDb db, IReadOnlyList<Proto.Case> first, Caller caller, CancellationToken ct)
    {
        var ids = first.Select(c => ResourceName.IdOf("cases", c.Name)).OfType<string>().ToList();
        var today = await db.Cases.VisibleTo(caller).Where(c => ids.Contains(c.Id)).AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        return first.Select(c => c.SeenBy(caller, ResourceName.IdOf("cases", c.Name) is { } id ? today.GetValueOrDefault(id) : null)).ToList();
    }

    public static async Task<Proto.Case> SeenToday(this RequestsDb db, Proto.Case first, Caller caller, CancellationToken ct) =>
        (await db.SeenToday([first], caller, ct))[0];

    /// <summary>
    /// What of <paramref name="view"/> <paramref name="caller"/> may see, given the case as it is now (<paramref name="today"/>,
    /// null when the caller no longer sees it): the holding party never gets claimants' contact details, who gave
    /// the consents, the override, nor another holding party's note; once the consent to share is withdrawn,
    /// only the case's name and stage.
    /// </summary>
    public static Proto.Case SeenBy(this Proto.Case view, Caller caller, Case? today)
    {
        if (today is null)
            return new Proto.Case { Name = view.Name };
        if (caller.Kind is PartyKind.Mediator or PartyKind.Requesting)
            return view;
        if (today.SharingStopped)
            return new Proto.Case
            {
                Name = view.Name,
                Request = view.Request,
                RequestingParty = view.RequestingParty,
                HoldingParty = view.HoldingParty,
                Stage = view.Stage,
                SharingStopped = true,
                CreateTime = view.CreateTime,
                UpdateTime = view.UpdateTime,
            };
        var seen = view.Clone();
        seen.Consent = null;
        seen.ConsentOverrideReason = "";
        if (today.NotLocatedByPartyId != caller.Party.Id)
            seen.NotLocatedNote = "";
        foreach (var claimant in seen.Claimants)
            claimant.Contact = null;
        return seen;
    }

    /// <summary>Everything the service keeps of the case, before <see cref="SeenBy"/> cuts it for a caller.</summary>
    private static Proto.Case Full(Case c)
    {
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
            Consent = new Proto.Consent
            {
                Trace = c.TraceConsent.ToProto(),
                Share = c.ShareConsent.ToProto(),
                ShareWithdrawTime = c.ShareConsent.WithdrawnAt.ToTimestamp(),
                ShareWithdrawnBy = c.ShareConsent.WithdrawnBy ?? "",
            },
            ConsentOverrideReason = c.ConsentOverrideReason ?? "",
        };
        foreach (var claimant in c.Claimants.OrderBy(x => x.Id))
        {
            view.Claimants.Add(new Proto.Claimant
            {
                GivenName = claimant.GivenName,
                FamilyName = claimant.FamilyName,
                Relationship = (Proto.Relationship)claimant.Relationship,
                HoldsCustody = claimant.HoldsCustody,
                Contact = new Proto.ContactDetails { Phone = claimant.Phone, Email = claimant.Email, Address = claimant.Address },
            });
        }
        return view;
    }
}
