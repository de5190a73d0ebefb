using System.Globalization;
using Grpc.Core;
using Mediation.Api.Audit.V1;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Proto = Mediation.Api.Audit.V1;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>The mediator's view of the audit logs this process keeps: entries by case or party, and the chain's verification.</summary>
public sealed class AuditLogApi(AuditTrails trails, IServiceProvider services) : AuditLogService.AuditLogServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPartyIdLength = 100;

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        Caller.From(context).RequireKind(PartyKind.Mediator, "read the audit log");
        var violations = new FieldViolations();
        var trail = Trail(request.Service, violations);
        var caseId = request.Case.Length > 0 ? ResourceName.Parse("cases", request.Case, "case", violations) : null;
        string? partyId = null;
        if (request.Party.Length > 0)
        {
            partyId = request.Party.StartsWith(Party.ResourcePrefix, StringComparison.Ordinal) ? request.Party[Party.ResourcePrefix.Length..] : "";
            if (partyId.Length is 0 or > MaxPartyIdLength)
                violations.Add("party", "expected 'parties/{id}'");
        }
        if (request.Case.Length == 0 && request.Party.Length == 0)
            violations.Add("case", "name a case ('cases/{id}') or a party ('parties/{id}'), or both");
        var size = Paging.Size(request.PageSize, DefaultPageSize, violations);
        var after = Paging.Decode(request.PageToken, violations) is { } token
            ? long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : Invalid(violations)
            : 0;
        violations.ThrowIfAny();
        RequireKnown(trail, request.Service);

        var entries = await trail!.List(caseId, partyId, after, size + 1, context.CancellationToken);
        var response = new ListAuditEntriesResponse();
        response.Entries.AddRange(entries.Take(size).Select(ToProto));
        if (entries.Count > size)
            response.NextPageToken = Paging.Encode(entries[size - 1].Sequence.ToString(CultureInfo.InvariantCulture));
        return response;
    }

    public override async Task<VerifyAuditLogResponse> VerifyAuditLog(VerifyAuditLogRequest request, ServerCallContext context)
    {
        Caller.From(context).RequireKind(PartyKind.Mediator, "verify the audit log");
        var violations = new FieldViolations();
        var trail = Trail(request.Service, violations);
        if (request.RecordedHeadSequence < 0)
            violations.Add("recorded_head_sequence", "0 or more expected");
        if (request.RecordedHeadSequence > 0 && request.RecordedHeadHash.Length != 64)
            violations.Add("recorded_head_hash", "the 64 hex digits of the recorded head's hash expected");
        violations.ThrowIfAny();
        RequireKnown(trail, request.Service);

        var recordedHash = request.RecordedHeadHash.ToLowerInvariant();
        var check = await trail!.Verify(key => new AuditChainCheck(key, request.RecordedHeadSequence, recordedHash), context.CancellationToken);
        var response = new VerifyAuditLogResponse
        {
            Intact = check.Break is null, EntriesChecked = check.Checked, HeadSequence = check.HeadSequence, HeadHash = check.HeadHash,
        };
        if (check.Break is { } broken)
            response.FirstBreak = new Proto.ChainBreak
            {
                Sequence = broken.Sequence,
                Description = broken.Description,
                Kind = broken.Kind switch
                {
                    ChainBreakKind.EditedEntry => Proto.ChainBreakKind.EditedEntry,
                    ChainBreakKind.MissingEntry => Proto.ChainBreakKind.MissingEntry,
                    ChainBreakKind.Truncated => Proto.ChainBreakKind.Truncated,
                    _ => Proto.ChainBreakKind.BrokenLink,
                },
            };
        return response;
    }

    /// <summary>The log named by <paramref name="service"/>; empty names the only one, when this process keeps one.</summary>
    private IAuditTrail? Trail(string service, FieldViolations violations)
    {
        if (service.Length > 0)
            return trails.Named(service, services);
        if (trails.Services is [var only])
            return trails.Named(only, services);
        violations.Add("service", $"this process keeps several audit logs: name one of {string.Join(", ", trails.Services)}");
        return null;
    }

    private void RequireKnown(IAuditTrail? trail, string service)
    {
        if (trail is null)
            throw new NotFound($"The audit log '{service[..Math.Min(service.Length, 50)]}' (this process keeps: {string.Join(", ", trails.Services)})");
    }

    private static long Invalid(FieldViolations violations)
    {
        violations.Add("page_token", "not a token from a previous response");
        return 0;
    }

    private static Proto.AuditEntry ToProto(AuditEntry e) => new()
    {
        Sequence = e.Sequence,
        Time = e.At.ToTimestamp(),
        Service = e.Service,
        Party = e.PartyId.Length > 0 ? Party.ResourcePrefix + e.PartyId : "",
        Officer = e.Officer ?? "",
        Method = e.Call,
        Case = e.CaseId is null ? "" : ResourceName.Format("cases", e.CaseId),
        Outcome = e.Outcome,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };
}
