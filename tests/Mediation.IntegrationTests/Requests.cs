using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mediation.Host.Demo;
using RequestsApi = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>Builders and waits shared by the integration tests.</summary>
public static class Requests
{
    public static RequestsApi.SubmitRequestRequest OneChild(string requestId, string given = "Iryna", int age = 9)
    {
        var born = DateTime.UtcNow.AddYears(-age).AddDays(-20);
        var item = new RequestsApi.ChildRequest
        {
            Child = new RequestsApi.Child
            {
                GivenName = given,
                FamilyName = "Testchuk",
                BirthDate = new Common.CalendarDate { Year = born.Year, Month = born.Month, Day = born.Day },
                LastKnownPlace = new Common.Place { Region = UniqueRegion(), Settlement = "Test Town" },
            },
        };
        item.Claimants.Add(new RequestsApi.Claimant
        {
            GivenName = "Oksana",
            FamilyName = "Testchuk",
            Relationship = RequestsApi.Relationship.Mother,
            HoldsCustody = true,
            Contact = new RequestsApi.ContactDetails { Phone = "+000 77 1234", Address = "12 Test Street" },
        });
        item.Consent = new RequestsApi.Consent
        {
            Trace = new RequestsApi.ConsentGrant { Given = true, GivenBy = "the mother", GiveTime = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-3)) },
            Share = new RequestsApi.ConsentGrant { Given = true, GivenBy = "the mother", GiveTime = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-3)) },
        };
        var request = new RequestsApi.SubmitRequestRequest { RequestId = requestId };
        request.Children.Add(item);
        return request;
    }

    // Started at random, so that runs against databases kept from an earlier run do not meet either.
    private static long _children = Random.Shared.NextInt64(1, 1_000_000_000);

    /// <summary>
    /// A last known region of its own for each child built here, so that each is a child of its own: a party
    /// asking again for a child it has open (the same names, birth date and region) is refused. Written in
    /// letters, one consonant and a vowel per digit, since names and places are compared by how they sound.
    /// </summary>
    public static string UniqueRegion()
    {
        var n = Interlocked.Increment(ref _children);
        var letters = new System.Text.StringBuilder("Test Region ");
        do
        {
            letters.Append("bdflmnprtv"[(int)(n % 10)]).Append('a');
            n /= 10;
        }
        while (n > 0);
        return letters.ToString();
    }

    /// <summary>Submits (one child, or <paramref name="child"/>), accepts, forwards to the holder and reports located: returns the case name.</summary>
    public static async Task<string> LocatedCase(PartyClient requester, PartyClient mediator, PartyClient holder, string tag, RequestsApi.ChildRequest? child = null)
    {
        var submit = OneChild($"submit-{tag}");
        if (child is not null)
        {
            submit.Children.Clear();
            submit.Children.Add(child);
        }
        var name = (await requester.Requests.SubmitRequestAsync(submit, requester.Headers)).Cases[0].Name;
        await mediator.Requests.AcceptCaseAsync(new() { RequestId = $"accept-{tag}", Name = name }, mediator.Headers);
        await mediator.Requests.ForwardCaseAsync(new() { RequestId = $"forward-{tag}", Name = name, HoldingParty = holder.Resource }, mediator.Headers);
        await holder.Requests.ReportCaseLocatedAsync(new() { RequestId = $"located-{tag}", Name = name, Location = new Common.Place { Region = "Test Region" } }, holder.Headers);
        return name;
    }

    /// <summary>Takes a new case to VERIFIED, each check attested by its owner, and waits until handover knows it.</summary>
    public static async Task<string> VerifiedCase(PartyClient requester, PartyClient mediator, PartyClient holder, string tag, RequestsApi.ChildRequest? child = null)
    {
        var name = await LocatedCase(requester, mediator, holder, tag, child);
        var checklist = (await Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, mediator.Headers).ResponseAsync)).Checklist;
        foreach (var check in checklist.Checks)
        {
            var by = check.OwnerKind switch
            {
                Common.PartyKind.Requesting => requester,
                Common.PartyKind.Holding => holder,
                _ => mediator,
            };
            await by.Verification.AttestCheckAsync(new()
            {
                RequestId = $"attest-{tag}-{check.Type}",
                Checklist = checklist.Name,
                Check = check.Type,
                Outcome = Mediation.Api.Verification.V1.AttestationOutcome.Passed,
            }, by.Headers);
        }
        await Eventually(() => mediator.Handover.GetCustodyChainAsync(new() { Case = name }, mediator.Headers).ResponseAsync);
        await Eventually(() => requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync,
            r => r.Case.Stage == RequestsApi.CaseStage.Verified);
        return name;
    }

    /// <summary>
    /// Waits for what a service learns from the bus, by asking again while it answers NOT_FOUND or the
    /// answer is not yet <paramref name="done"/>. The bound only turns a hang into a failure.
    /// </summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> ask, Func<T, bool>? done = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var answer = await ask();
                if (done is null || done(answer))
                    return answer;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold within 30 s");
            await Task.Delay(20);
        }
    }

    public static Timestamp Now() => Timestamp.FromDateTime(DateTime.UtcNow);
}
