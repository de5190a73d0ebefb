using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using AuditApi = Mediation.Api.Audit.V1;
using Handover = Mediation.Api.Handover.V1;
using Requests = Mediation.Api.Requests.V1;
using Verification = Mediation.Api.Verification.V1;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// Which fields of the API's messages are the names of cases a call is about, for the audit log: declared here,
/// one message at a time, never guessed from a value's shape (a request id or a free-text reason that reads
/// <c>cases/…</c> is not a case). A call's cases are those its request names and those its response hands out
/// or creates. <see cref="NotCases"/> lists the resource-name fields that are deliberately no case of the call,
/// so that a test can insist every such field of every RPC is one or the other.
/// </summary>
public static class AuditedCaseFields
{
    private static readonly FrozenDictionary<string, int[]> Cases = new Dictionary<string, int[]>
    {
        // Requests: the case named (a match's parent case for its decisions), and every case handed out.
        [Requests.GetCaseRequest.Descriptor.FullName] = [Requests.GetCaseRequest.NameFieldNumber],
        [Requests.ListCaseEventsRequest.Descriptor.FullName] = [Requests.ListCaseEventsRequest.ParentFieldNumber],
        [Requests.AcceptCaseRequest.Descriptor.FullName] = [Requests.AcceptCaseRequest.NameFieldNumber],
        [Requests.RejectCaseRequest.Descriptor.FullName] = [Requests.RejectCaseRequest.NameFieldNumber],
        [Requests.MarkCaseDuplicateRequest.Descriptor.FullName] = [Requests.MarkCaseDuplicateRequest.NameFieldNumber, Requests.MarkCaseDuplicateRequest.DuplicateOfFieldNumber],
        [Requests.ForwardCaseRequest.Descriptor.FullName] = [Requests.ForwardCaseRequest.NameFieldNumber],
        [Requests.ReportCaseLocatedRequest.Descriptor.FullName] = [Requests.ReportCaseLocatedRequest.NameFieldNumber],
        [Requests.ReportCaseNotLocatedRequest.Descriptor.FullName] = [Requests.ReportCaseNotLocatedRequest.NameFieldNumber],
        [Requests.WithdrawCaseRequest.Descriptor.FullName] = [Requests.WithdrawCaseRequest.NameFieldNumber],
        [Requests.WithdrawShareConsentRequest.Descriptor.FullName] = [Requests.WithdrawShareConsentRequest.NameFieldNumber],
        [Requests.ListMatchCandidatesRequest.Descriptor.FullName] = [Requests.ListMatchCandidatesRequest.ParentFieldNumber],
        [Requests.ConfirmMatchRequest.Descriptor.FullName] = [Requests.ConfirmMatchRequest.NameFieldNumber],
        [Requests.DismissMatchRequest.Descriptor.FullName] = [Requests.DismissMatchRequest.NameFieldNumber],
        [Requests.Case.Descriptor.FullName] = [Requests.Case.NameFieldNumber],
        [Requests.MatchCandidate.Descriptor.FullName] = [Requests.MatchCandidate.CaseFieldNumber],
        [Requests.WatchCaseEventsResponse.Descriptor.FullName] = [Requests.WatchCaseEventsResponse.CaseFieldNumber],

        [Verification.GetChecklistRequest.Descriptor.FullName] = [Verification.GetChecklistRequest.NameFieldNumber],
        [Verification.AttestCheckRequest.Descriptor.FullName] = [Verification.AttestCheckRequest.ChecklistFieldNumber],
        [Verification.ProvideInformationRequest.Descriptor.FullName] = [Verification.ProvideInformationRequest.ChecklistFieldNumber],
        [Verification.ReopenChecklistRequest.Descriptor.FullName] = [Verification.ReopenChecklistRequest.ChecklistFieldNumber],
        [Verification.Checklist.Descriptor.FullName] = [Verification.Checklist.CaseFieldNumber],
        [Verification.PendingCheck.Descriptor.FullName] = [Verification.PendingCheck.CaseFieldNumber],

        [Handover.PlanBatchRequest.Descriptor.FullName] = [Handover.PlanBatchRequest.CasesFieldNumber],
        [Handover.AcknowledgeCustodyRequest.Descriptor.FullName] = [Handover.AcknowledgeCustodyRequest.CaseFieldNumber],
        [Handover.GetCustodyChainRequest.Descriptor.FullName] = [Handover.GetCustodyChainRequest.CaseFieldNumber],
        [Handover.RecordFollowUpVisitRequest.Descriptor.FullName] = [Handover.RecordFollowUpVisitRequest.CaseFieldNumber],
        [Handover.RecordIncidentRequest.Descriptor.FullName] = [Handover.RecordIncidentRequest.CaseFieldNumber],
        [Handover.ReleaseHoldRequest.Descriptor.FullName] = [Handover.ReleaseHoldRequest.CaseFieldNumber],
        [Handover.CloseCaseRequest.Descriptor.FullName] = [Handover.CloseCaseRequest.CaseFieldNumber],
        [Handover.BatchChild.Descriptor.FullName] = [Handover.BatchChild.CaseFieldNumber],
        [Handover.Incident.Descriptor.FullName] = [Handover.Incident.CaseFieldNumber],
        [Handover.CustodyChain.Descriptor.FullName] = [Handover.CustodyChain.CaseFieldNumber],

        [AuditApi.ListAuditEntriesRequest.Descriptor.FullName] = [AuditApi.ListAuditEntriesRequest.CaseFieldNumber],
        [AuditApi.AuditEntry.Descriptor.FullName] = [AuditApi.AuditEntry.CaseFieldNumber],
    }.ToFrozenDictionary();

    /// <summary>Resource names that are not a case of the call: another resource, or a case only referred to.</summary>
    public static readonly FrozenSet<string> NotCases = new[]
    {
        Requests.SubmitRequestResponse.Descriptor.FindFieldByNumber(Requests.SubmitRequestResponse.NameFieldNumber), // requests/{id}
        Requests.Case.Descriptor.FindFieldByNumber(Requests.Case.RequestFieldNumber), // requests/{id}
        Requests.Case.Descriptor.FindFieldByNumber(Requests.Case.DuplicateOfFieldNumber), // an earlier case, referred to
        Requests.MatchCandidate.Descriptor.FindFieldByNumber(Requests.MatchCandidate.NameFieldNumber), // the match; its case is `case`
        Requests.MatchCandidate.Descriptor.FindFieldByNumber(Requests.MatchCandidate.CandidateFieldNumber), // an earlier case, referred to
        Verification.Checklist.Descriptor.FindFieldByNumber(Verification.Checklist.NameFieldNumber), // the checklist; its case is `case`
        Handover.Batch.Descriptor.FindFieldByNumber(Handover.Batch.NameFieldNumber), // batches/{id}
        Handover.GetBatchRequest.Descriptor.FindFieldByNumber(Handover.GetBatchRequest.NameFieldNumber),
        Handover.CustodyEntry.Descriptor.FindFieldByNumber(Handover.CustodyEntry.BatchFieldNumber),
        Handover.AcknowledgeCustodyRequest.Descriptor.FindFieldByNumber(Handover.AcknowledgeCustodyRequest.BatchFieldNumber),
        Handover.RecordIncidentRequest.Descriptor.FindFieldByNumber(Handover.RecordIncidentRequest.BatchFieldNumber),
        Handover.ReleaseHoldRequest.Descriptor.FindFieldByNumber(Handover.ReleaseHoldRequest.BatchFieldNumber),
    }.Select(f => f!.FullName).ToFrozenSet();

    /// <summary>The fields of <paramref name="message"/> declared to name a case; none for most.</summary>
    public static IEnumerable<FieldDescriptor> Of(MessageDescriptor message) =>
        Cases.TryGetValue(message.FullName, out var numbers) ? numbers.Select(n => message.FindFieldByNumber(n)!) : [];

    /// <summary>True if <paramref name="field"/> is declared either way: a case of the call, or not one.</summary>
    public static bool IsDeclared(FieldDescriptor field) =>
        NotCases.Contains(field.FullName)
        || (Cases.TryGetValue(field.ContainingType.FullName, out var numbers) && numbers.Contains(field.FieldNumber));
}
