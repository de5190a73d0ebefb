using System.Text.RegularExpressions;
using Grpc.Core;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;
using Common = Mediation.Api.Common.V1;
using Proto = Mediation.Api.Verification.V1;

namespace Mediation.Verification.Api;

public sealed partial class VerificationApi(VerificationDb db, VerificationDeadlines deadlines, TimeProvider clock) : Proto.VerificationService.VerificationServiceBase
{
    private const string ChecklistSuffix = "/checklist";
    private const int MaxReason = 2000;
    private const int MaxEvidence = 20;

    public override async Task<Proto.GetChecklistResponse> GetChecklist(Proto.GetChecklistRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        var caseId = ResourceName.Parse("cases", request.Name, "name", v, ChecklistSuffix);
        v.ThrowIfAny();
        var list = await db.FindVisibleChecklist(caller, caseId!, context.CancellationToken);
        return new Proto.GetChecklistResponse { Checklist = list.ToProto(caller) };
    }

    public override Task<Proto.AttestCheckResponse> AttestCheck(Proto.AttestCheckRequest request, ServerCallContext context)
    {
        string? caseId = null;
        PartyKind? infoFrom = null;
        return db.Mutate(context, clock, request, request.RequestId, (v, _) =>
        {
            caseId = ResourceName.Parse("cases", request.Checklist, "checklist", v, ChecklistSuffix);
            if (request.Check == Proto.CheckType.Unspecified || !Enum.IsDefined(request.Check))
                v.Add("check", "required, one of the CheckType values");
            if (request.Outcome == Proto.AttestationOutcome.Unspecified || !Enum.IsDefined(request.Outcome))
                v.Add("outcome", "required: PASSED, FAILED or MORE_INFO_NEEDED");
            if (request.Outcome is Proto.AttestationOutcome.Failed or Proto.AttestationOutcome.MoreInfoNeeded)
                v.RequireText("reason", request.Reason, MaxReason);
            else
                v.LimitText("reason", request.Reason, MaxReason);
            CheckEvidence(request.Evidence, v);
            if (request.InfoFrom != Common.PartyKind.Unspecified)
            {
                if (request.Outcome != Proto.AttestationOutcome.MoreInfoNeeded)
                    v.Add("info_from", "only with MORE_INFO_NEEDED");
                else if (request.InfoFrom is Common.PartyKind.Requesting or Common.PartyKind.Holding or Common.PartyKind.Mediator)
                    infoFrom = (PartyKind)request.InfoFrom;
                else
                    v.Add("info_from", "REQUESTING, HOLDING or MEDIATOR");
            }
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var list = await db.FindVisibleChecklist(caller, caseId!, ct);
            var type = (CheckType)request.Check;
            var outcome = (AttestationOutcome)request.Outcome;
            list.Attest(type, outcome, request.Reason.Trim(), ToDomain(request.Evidence), infoFrom, caller.Party, officer, deadlines, now);
            db.Publish(new CheckAttested(list.CaseId, Names.Of(type), Names.Of(outcome), now, caller.Party.Id, officer, list.Version), now);
            if (list.State == ChecklistState.Verified)
                db.Publish(new CaseVerified(list.CaseId, list.RequestingPartyId, list.HoldingPartyId!, now, caller.Party.Id, officer, list.Version, list.SharingStopped), now);
            else if (list.State == ChecklistState.Failed)
                db.Publish(new CaseVerificationFailed(list.CaseId, Names.Of(type), now, caller.Party.Id, officer, list.Version), now);
            return new Proto.AttestCheckResponse { Checklist = list.ToProto(caller) };
        }, async (first, caller, ct) => new Proto.AttestCheckResponse { Checklist = await db.SeenToday(first.Checklist, caller, ct) });
    }

    public override Task<Proto.ProvideInformationResponse> ProvideInformation(Proto.ProvideInformationRequest request, ServerCallContext context)
    {
        string? caseId = null;
        return db.Mutate(context, clock, request, request.RequestId, (v, _) =>
        {
            caseId = ResourceName.Parse("cases", request.Checklist, "checklist", v, ChecklistSuffix);
            if (request.Check == Proto.CheckType.Unspecified || !Enum.IsDefined(request.Check))
                v.Add("check", "required, one of the CheckType values");
            v.RequireText("note", request.Note, MaxReason);
            CheckEvidence(request.Evidence, v);
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var list = await db.FindVisibleChecklist(caller, caseId!, ct);
            var type = (CheckType)request.Check;
            list.ProvideInformation(type, request.Note.Trim(), ToDomain(request.Evidence), caller.Party, deadlines, now);
            db.Publish(new CheckInformationProvided(list.CaseId, Names.Of(type), now, caller.Party.Id, officer, list.Version), now);
            return new Proto.ProvideInformationResponse { Checklist = list.ToProto(caller) };
        }, async (first, caller, ct) => new Proto.ProvideInformationResponse { Checklist = await db.SeenToday(first.Checklist, caller, ct) });
    }

    public override Task<Proto.ReopenChecklistResponse> ReopenChecklist(Proto.ReopenChecklistRequest request, ServerCallContext context)
    {
        string? caseId = null;
        return db.Mutate(context, clock, request, request.RequestId, (v, _) =>
        {
            caseId = ResourceName.Parse("cases", request.Checklist, "checklist", v, ChecklistSuffix);
            v.RequireText("reason", request.Reason, MaxReason);
        }, async m =>
        {
            var (caller, officer, now, ct) = m;
            var list = await db.FindVisibleChecklist(caller, caseId!, ct);
            list.Reopen(request.Reason.Trim(), deadlines, now);
            db.Publish(new ChecklistReopened(list.CaseId, now, caller.Party.Id, officer, list.Version), now);
            return new Proto.ReopenChecklistResponse { Checklist = list.ToProto(caller) };
        }, async (first, caller, ct) => new Proto.ReopenChecklistResponse { Checklist = await db.SeenToday(first.Checklist, caller, ct) },
        (PartyKind.Mediator, "reopen checklists"));
    }

    public override async Task<Proto.ListPendingChecksResponse> ListPendingChecks(Proto.ListPendingChecksRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        var size = Paging.Size(request.PageSize, 50, v);
        var after = Paging.Decode(request.PageToken, v);
        long afterId = 0;
        if (after is not null && !long.TryParse(after, out afterId))
            v.Add("page_token", "not a token from a previous response");
        v.ThrowIfAny();

        var open = db.Checklists.VisibleTo(caller).ActionableBy(caller).Where(l => l.State == ChecklistState.Open);
        // A check waits on a party while it has a deadline: the sign-off has none until every other check passed.
        var waiting = db.Checks
            .Where(c => c.WaitingOn == caller.Kind && c.DueAt != null && (c.State == CheckState.Pending || c.State == CheckState.MoreInfoNeeded))
            .Where(c => open.Any(l => l.CaseId == c.CaseId))
            .Where(c => c.Id > afterId);
        var page = await waiting.OrderBy(c => c.Id).Take(size + 1).AsNoTracking().ToListAsync(context.CancellationToken);

        var response = new Proto.ListPendingChecksResponse();
        response.Checks.AddRange(page.Take(size).Select(c => new Proto.PendingCheck
        {
            Case = ResourceName.Format("cases", c.CaseId),
            Type = (Proto.CheckType)c.Type,
            State = (Proto.CheckState)c.State,
            CreateTime = c.CreatedAt.ToTimestamp(),
            DueTime = c.DueAt.ToTimestamp(),
            Reason = c.State == CheckState.MoreInfoNeeded ? c.Reason : "",
        }));
        if (page.Count > size)
            response.NextPageToken = Paging.Encode(page[size - 1].Id.ToString());
        return response;
    }

    private static void CheckEvidence(IReadOnlyList<Proto.EvidenceReference> evidence, FieldViolations v)
    {
        v.RequireCount("evidence", evidence.Count, 0, MaxEvidence);
        for (var i = 0; i < evidence.Count && i < MaxEvidence; i++)
        {
            var e = evidence[i];
            v.RequireText($"evidence[{i}].kind", e.Kind, 100).RequireText($"evidence[{i}].issuer", e.Issuer, 200);
            if (!Sha256Hex().IsMatch(e.Sha256))
                v.Add($"evidence[{i}].sha256", "64 lowercase hex digits expected");
        }
    }

    private static IEnumerable<EvidenceReference> ToDomain(IEnumerable<Proto.EvidenceReference> evidence) =>
        evidence.Select(e => new EvidenceReference { Kind = e.Kind.Trim(), Issuer = e.Issuer.Trim(), Sha256 = e.Sha256 }).ToList();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
