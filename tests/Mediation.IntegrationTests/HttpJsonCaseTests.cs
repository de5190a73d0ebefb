using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mediation.Api.Custody;
using Mediation.Api.Handover.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// A partner with only HTTP and JSON takes a case from submission to CLOSED through the protos' HTTP rules on the web
/// port (HTTP/1.1), signing its custody statements itself: the same methods, rules and audit as over gRPC.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class HttpJsonCaseTests(EmbeddedHost host)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private const string Requester = "parties/requester-1", Holder = "parties/holder-1", Mediator = "parties/mediator", Claimant = "claimant";

    private JsonParty Party(string resource, Version? version = null) =>
        new(host.WebAddress, host.Keys.KeyOf(resource["parties/".Length..]), "officer-" + resource["parties/".Length..], version);

    public static JsonObject Submission(string requestId, string familyName) => new()
    {
        ["requestId"] = requestId,
        ["children"] = new JsonArray(new JsonObject
        {
            ["child"] = new JsonObject
            {
                ["givenName"] = "Oksana", ["familyName"] = familyName,
                ["birthDate"] = new JsonObject { ["year"] = 2019, ["month"] = 4, ["day"] = 17 },
                ["lastKnownPlace"] = new JsonObject { ["region"] = "Eastern Region", ["settlement"] = "Millbrook" },
            },
            ["claimants"] = new JsonArray(new JsonObject
            {
                ["givenName"] = "Iryna", ["familyName"] = familyName, ["relationship"] = "RELATIONSHIP_MOTHER", ["holdsCustody"] = true,
                ["contact"] = new JsonObject { ["phone"] = "+000 44 987 65", ["email"] = "iryna@example.org" },
            }),
            ["consent"] = new JsonObject
            {
                ["trace"] = Consent(), ["share"] = Consent(),
            },
        }),
    };

    private static JsonObject Consent() => new()
    {
        ["given"] = true, ["givenBy"] = "the claimant", ["giveTime"] = Time(DateTime.UtcNow.AddDays(-1)),
    };

    private static string Time(DateTime t) => CustodyStatement.FormatTime(t);

    [Fact]
    public async Task A_case_goes_from_submission_to_closed_over_http_json_alone()
    {
        var requester = Party(Requester);
        var holder = Party(Holder);
        var mediator = Party(Mediator);

        var submitted = (await requester.Post("/v1/requests", Submission(requester.RequestId("submit"), "Levchenko-" + Guid.NewGuid().ToString("N")[..6]))).Ok();
        var caseName = (string)submitted["cases"]![0]!["name"]!;
        Assert.Equal("CASE_STAGE_SUBMITTED", (string?)submitted["cases"]![0]!["stage"]);

        Assert.Equal("CASE_STAGE_ACCEPTED", (string?)(await mediator.Post($"/v1/{caseName}:accept", new() { ["requestId"] = mediator.RequestId("accept") })).Ok()["case"]!["stage"]);
        var forwarded = (await mediator.Post($"/v1/{caseName}:forward", new() { ["requestId"] = mediator.RequestId("forward"), ["holdingParty"] = Holder })).Ok()["case"]!;
        Assert.Equal(Holder, (string?)forwarded["holdingParty"]);

        // The holding party reads the case without the claimant's contact details, as over gRPC.
        var seenByHolder = (await holder.Get("/v1/" + caseName)).Ok()["case"]!;
        Assert.True(seenByHolder["claimants"]![0]!["contact"] is null or JsonObject { Count: 0 }
            || (string?)seenByHolder["claimants"]![0]!["contact"]!["phone"] is null or "", seenByHolder.ToJsonString());

        (await holder.Post($"/v1/{caseName}:reportLocated", new()
        {
            ["requestId"] = holder.RequestId("located"),
            ["location"] = new JsonObject { ["region"] = "Eastern Region", ["settlement"] = "Stonebridge" },
        })).Ok();

        var checklist = (await mediator.GetOnceFound($"/v1/{caseName}/checklist", Within))["checklist"]!;
        var checks = checklist["checks"]!.AsArray().Select(c => ((string)c!["type"]!, (string)c["ownerKind"]!))
            .OrderBy(c => c.Item1 == "CHECK_TYPE_BEST_INTERESTS").ToList();
        Assert.NotEmpty(checks);
        foreach (var (type, owner) in checks)
        {
            var party = Party(owner switch { "PARTY_KIND_REQUESTING" => Requester, "PARTY_KIND_HOLDING" => Holder, _ => Mediator });
            checklist = (await party.Post($"/v1/{caseName}/checklist:attest", new()
            {
                ["requestId"] = party.RequestId("attest"),
                ["check"] = type,
                ["outcome"] = "ATTESTATION_OUTCOME_PASSED",
                ["evidence"] = new JsonArray(new JsonObject
                {
                    ["kind"] = "document", ["issuer"] = "records office",
                    ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(type + caseName))),
                }),
            })).Ok()["checklist"]!;
        }
        Assert.Equal("CHECKLIST_STATE_VERIFIED", (string?)checklist["state"]);

        var chain = (await mediator.GetOnceFound($"/v1/{caseName}/custodyChain", Within))["chain"]!;
        var batch = (await mediator.Post("/v1/batches", new()
        {
            ["requestId"] = mediator.RequestId("plan"),
            ["cases"] = new JsonArray(caseName),
            ["venue"] = new JsonObject { ["region"] = "Capital Region", ["settlement"] = "Capital City" },
            ["scheduledTime"] = Time(DateTime.UtcNow.AddHours(1)),
            ["legs"] = new JsonArray(
                Leg(Holder, Mediator, "Embassy"), Leg(Mediator, Requester, "Crossing point"), Leg(Requester, Claimant, "Family home")),
        })).Ok()["batch"]!;
        await requester.CaseOnceAt(caseName, "CASE_STAGE_IN_HANDOVER", Within);

        foreach (var leg in batch["legs"]!.AsArray())
        {
            foreach (var role in new[] { CustodyRole.Giver, CustodyRole.Receiver })
            {
                var custodian = (string)leg![role == CustodyRole.Giver ? "fromCustodian" : "toCustodian"]!;
                // The requesting party acknowledges the claimant's receipt on the relative's behalf.
                var partyName = custodian == Claimant ? Requester : custodian;
                var party = Party(partyName);
                var previous = chain["entries"]!.AsArray().Count == 0 ? CustodyStatement.Genesis : (string)chain["headHash"]!;
                var at = DateTime.UtcNow;
                at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
                var number = (int)leg["number"]!;
                var statement = new CustodyStatement(caseName, (string)chain["originCustodian"]!, previous, (string)batch["name"]!, number, role,
                    (string)leg["fromCustodian"]!, (string)leg["toCustodian"]!, partyName, (string)leg["place"]!, at);
                using var key = ECDsa.Create();
                key.ImportPkcs8PrivateKey(Convert.FromBase64String(host.Keys.SigningKeyOf(partyName["parties/".Length..])), out _);
                chain = (await party.Post($"/v1/{batch["name"]}:acknowledgeCustody", new()
                {
                    ["requestId"] = party.RequestId("ack"),
                    ["case"] = caseName,
                    ["leg"] = number,
                    ["role"] = role == CustodyRole.Giver ? "CUSTODY_ROLE_GIVER" : "CUSTODY_ROLE_RECEIVER",
                    ["acknowledgeTime"] = Time(at),
                    ["signature"] = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(statement.Text), HashAlgorithmName.SHA256)),
                    ["previousHash"] = previous,
                })).Ok()["chain"]!;
            }
        }
        Assert.Equal("HANDOVER_CASE_STATE_REUNITED", (string?)chain["state"]);
        Assert.Equal(Claimant, (string?)chain["currentCustodian"]);
        Assert.Equal(6, chain["entries"]!.AsArray().Count);
        await requester.CaseOnceAt(caseName, "CASE_STAGE_REUNITED", Within);

        for (var visit = (int)chain["followUpVisits"]! + 1; visit <= (int)chain["followUpVisitsRequired"]!; visit++)
            (await requester.Post($"/v1/{caseName}/followUpVisits", new() { ["requestId"] = requester.RequestId("visit"), ["visitTime"] = Time(DateTime.UtcNow) })).Ok();
        (await mediator.Post($"/v1/{caseName}:close", new() { ["requestId"] = mediator.RequestId("close") })).Ok();
        Assert.Equal("CASE_STAGE_CLOSED", (string?)(await requester.CaseOnceAt(caseName, "CASE_STAGE_CLOSED", Within))["stage"]);

        var timeline = (await mediator.Get($"/v1/{caseName}/events?pageSize=500")).Ok()["events"]!.AsArray().Select(e => (string)e!["type"]!).ToList();
        Assert.Equal("CaseSubmitted", timeline[0]);
        Assert.Equal("CaseClosed", timeline[^1]);

        // The JSON calls are audited as the gRPC methods they reach, with the party and officer that made them.
        var audit = (await mediator.Get($"/v1/auditEntries?service=requests&case={caseName}&pageSize=500")).Ok()["entries"]!.AsArray();
        var submit = audit.Single(e => (string?)e!["method"] == "/mediation.requests.v1.RequestsService/SubmitRequest");
        Assert.Equal((Requester, "officer-requester-1", "OK"), ((string?)submit!["party"], (string?)submit["officer"], (string?)submit["outcome"]));
        Assert.True((bool)(await mediator.Get("/v1/auditLog:verify?service=handover")).Ok()["intact"]!);
    }

    private static JsonObject Leg(string from, string to, string place) => new() { ["fromCustodian"] = from, ["toCustodian"] = to, ["place"] = place };
}
