using System.Text.RegularExpressions;
using Grpc.Core;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;
using Proto = Mediation.Api.Verification.V1;

namespace Mediation.Verification.Api;

public sealed partial class VerificationApi(VerificationDb db, TimeProvider clock) : Proto.VerificationService.VerificationServiceBase
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
        return new Proto.GetChecklistResponse { Checklist = list.ToProto() };
    }

    public override async Task<Proto.AttestCheckResponse> AttestCheck(Proto.AttestCheckRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var v = new FieldViolations();
        IdempotentCall.CheckRequestId(request.RequestId, v);
        var caseId = ResourceName.Parse("cases", request.Checklist, "checklist", v, ChecklistSuffix);
        if (request.Check == Proto.CheckType.Unspecified || !Enum.IsDefined(request.Check))
            v.Add("check", "required, one of the CheckType values");
        if (request.Outcome == Proto.AttestationOutcome.Unspecified || !Enum.IsDefined(request.Outcome))
            v.Add("outcome", "required: PASSED, FAILED or MORE_INFO_NEEDED");
        if (request.Outcome is Proto.AttestationOutcome.Failed or Proto.AttestationOutcome.MoreInfoNeeded)
            v.RequireText("reason", request.Reason, MaxReason);
        else
            v.LimitText("reason", request.Reason, MaxReason);
        v.RequireCount("evidence", request.Evidence.Count, 0, MaxEvidence);
        for (var i = 0; i < request.Evidence.Count && i < MaxEvidence; i++)
        {
            var e = request.Evidence[i];
            v.RequireText($"evidence[{i}].kind", e.Kind, 100).RequireText($"evidence[{i}].issuer", e.Issuer, 200);
            if (!Sha256Hex().IsMatch(e.Sha256))
                v.Add($"evidence[{i}].sha256", "64 lowercase hex digits expected");
        }
        v.ThrowIfAny();
        var officer = caller.RequireOfficer();
        var now = clock.GetUtcNow().UtcDateTime;
        var ct = context.CancellationToken;

        return await db.Run(caller, request.RequestId, request, async () =>
        {
            var list = await db.FindVisibleChecklist(caller, caseId!, ct);
            var type = (CheckType)request.Check;
            var outcome = (AttestationOutcome)request.Outcome;
            list.Attest(type, outcome, request.Reason.Trim(),
                request.Evidence.Select(e => new EvidenceReference { Kind = e.Kind.Trim(), Issuer = e.Issuer.Trim(), Sha256 = e.Sha256 }),
                caller.Party, officer, now);
            db.Publish(new CheckAttested(list.CaseId, Names.Of(type), Names.Of(outcome), now, caller.Party.Id, officer), now);
            if (list.State == ChecklistState.Verified)
                db.Publish(new CaseVerified(list.CaseId, list.RequestingPartyId, list.HoldingPartyId!, now, caller.Party.Id, officer), now);
            else if (list.State == ChecklistState.Failed)
                db.Publish(new CaseVerificationFailed(list.CaseId, Names.Of(type), now, caller.Party.Id, officer), now);
            return new Proto.AttestCheckResponse { Checklist = list.ToProto() };
        }, now, ct);
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

        var open = db.Checklists.VisibleTo(caller).Where(l => l.State == ChecklistState.Open);
        var waiting = db.Checks
            .Where(c => c.OwnerKind == caller.Kind && (c.State == CheckState.Pending || c.State == CheckState.MoreInfoNeeded))
            .Where(c => open.Any(l => l.CaseId == c.CaseId))
            // The sign-off waits on nobody until every other check has passed.
            .Where(c => c.Type != CheckType.BestInterests
                || !db.Checks.Any(o => o.CaseId == c.CaseId && o.Type != CheckType.BestInterests && o.State != CheckState.Passed))
            .Where(c => c.Id > afterId);
        var page = await waiting.OrderBy(c => c.Id).Take(size + 1).AsNoTracking().ToListAsync(context.CancellationToken);

        var response = new Proto.ListPendingChecksResponse();
        response.Checks.AddRange(page.Take(size).Select(c => new Proto.PendingCheck
        {
            Case = ResourceName.Format("cases", c.CaseId),
            Type = (Proto.CheckType)c.Type,
            State = (Proto.CheckState)c.State,
            CreateTime = c.CreatedAt.ToTimestamp(),
        }));
        if (page.Count > size)
            response.NextPageToken = Paging.Encode(page[size - 1].Id.ToString());
        return response;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
