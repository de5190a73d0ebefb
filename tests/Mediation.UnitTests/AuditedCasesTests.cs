using Mediation.BuildingBlocks.Audit;
using HandoverApi = Mediation.Api.Handover.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.UnitTests;

/// <summary>The cases of every call come from the fields declared to name cases: those of its request, and those its response hands out.</summary>
public class AuditedCasesTests
{
    private const string A = "0195f3a1b2c34d5e8f90a1b2c3d4e5f6", B = "0195f3a1b2c34d5e8f90a1b2c3d4e5f7";

    [Fact]
    public void A_request_names_its_case_in_any_field_and_as_a_parent()
    {
        Assert.Equal([A], AuditedCases.Named(new RequestsApi.GetCaseRequest { Name = "cases/" + A }));
        Assert.Equal([A], AuditedCases.Named(new RequestsApi.ListCaseEventsRequest { Parent = "cases/" + A }));
        Assert.Equal([A], AuditedCases.Named(new VerificationApi.GetChecklistRequest { Name = $"cases/{A}/checklist" }));
        Assert.Equal([A, B], AuditedCases.Named(new RequestsApi.MarkCaseDuplicateRequest { RequestId = "r", Name = "cases/" + A, DuplicateOf = "cases/" + B }));
    }

    [Fact]
    public void A_request_id_or_a_free_text_shaped_like_a_case_name_is_no_case()
    {
        Assert.Empty(AuditedCases.Named(new RequestsApi.SubmitRequestRequest { RequestId = "cases/" + A }));
        Assert.Equal([B], AuditedCases.Named(new RequestsApi.RejectCaseRequest { RequestId = "cases/" + A, Name = "cases/" + B, Reason = "cases/" + A }));
        Assert.Empty(AuditedCases.Named(new VerificationApi.ProvideInformationRequest { Note = "cases/" + A }));
    }

    [Fact]
    public void A_batch_plan_names_each_of_its_cases_once()
    {
        var plan = new HandoverApi.PlanBatchRequest { RequestId = "r" };
        plan.Cases.Add(["cases/" + A, "cases/" + B, "cases/" + A]);
        Assert.Equal([A, B], AuditedCases.Named(plan));
    }

    [Fact]
    public void A_request_naming_no_case_names_none()
    {
        Assert.Empty(AuditedCases.Named(new RequestsApi.ListCasesRequest { RequestingParty = "parties/requester-1", PageToken = "cases/" }));
        Assert.Empty(AuditedCases.Named(new HandoverApi.GetBatchRequest { Name = "batches/" + A }));
    }

    [Fact]
    public void A_response_hands_out_the_cases_it_names_but_not_those_it_only_refers_to()
    {
        var submitted = new RequestsApi.SubmitRequestResponse { Name = "requests/r" };
        submitted.Cases.Add(new RequestsApi.Case { Name = "cases/" + A, Request = "requests/r" });
        submitted.Cases.Add(new RequestsApi.Case { Name = "cases/" + B, DuplicateOf = "cases/" + A });
        var ids = new List<string>();
        AuditedCases.Returned(submitted, ids);
        Assert.Equal([A, B], ids);

        var pending = new VerificationApi.ListPendingChecksResponse();
        pending.Checks.Add(new VerificationApi.PendingCheck { Case = "cases/" + B });
        ids.Clear();
        AuditedCases.Returned(pending, ids);
        Assert.Equal([B], ids);

        var listed = new RequestsApi.ListCasesResponse();
        listed.Cases.Add(new RequestsApi.Case { Name = "cases/" + A, DuplicateOf = "cases/" + B });
        ids.Clear();
        AuditedCases.Returned(listed, ids);
        Assert.Equal([A], ids);
    }

    [Fact]
    public void A_hostile_list_is_recorded_up_to_a_bound()
    {
        var plan = new HandoverApi.PlanBatchRequest();
        plan.Cases.Add(Enumerable.Range(0, 3000).Select(i => $"cases/{i}"));
        plan.Cases.Add("cases/" + new string('a', 5000));
        var ids = AuditedCases.Named(plan);
        Assert.Equal(500, ids.Count);
    }
}
