using System.Net;
using System.Text.Json.Nodes;

namespace Mediation.IntegrationTests;

/// <summary>
/// Over HTTP/JSON a refusal is what gRPC says, in HTTP's words: the HTTP status mapped from the gRPC code, and a
/// <c>google.rpc.Status</c> body with the same code, message and details a gRPC client reads.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class HttpJsonRefusalTests(EmbeddedHost host)
{
    private JsonParty Party(string id) => new(host.WebAddress, host.Keys.KeyOf(id), "officer-" + id);

    [Fact]
    public async Task A_call_without_an_api_key_is_401_with_an_unauthenticated_status()
    {
        var answer = await Party("requester-1").Send(HttpMethod.Get, "/v1/cases", null, withKey: false);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(16, answer.Code);
        Assert.Contains("authorization: Bearer", (string?)answer.Body!["message"]);
        Assert.Empty(answer.Details);
    }

    [Fact]
    public async Task An_unknown_api_key_is_401_too()
    {
        var answer = await new JsonParty(host.WebAddress, "not-a-key").Get("/v1/cases");
        Assert.Equal((HttpStatusCode.Unauthorized, 16), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task A_bad_field_is_400_with_every_field_violation_and_nothing_is_stored()
    {
        var requester = Party("requester-1");
        var submission = HttpJsonCaseTests.Submission(requester.RequestId("invalid"), "Bad-" + Guid.NewGuid().ToString("N")[..6]);
        submission["children"]![0]!["child"]!["givenName"] = "";
        submission["children"]![0]!["claimants"] = new JsonArray();
        var answer = await requester.Post("/v1/requests", submission);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(3, answer.Code);
        var fields = answer.Detail("google.rpc.BadRequest")["fieldViolations"]!.AsArray().Select(v => (string?)v!["field"]).ToList();
        Assert.Contains("children[0].child.given_name", fields);
        Assert.Contains("children[0].claimants", fields);
        // The same request id, now valid, is a first submission: the refused one left nothing behind.
        submission["children"]![0]!["child"]!["givenName"] = "Oksana";
        submission["children"]![0]!["claimants"] = HttpJsonCaseTests.Submission("x", "x")["children"]![0]!["claimants"]!.DeepClone();
        Assert.Single((await requester.Post("/v1/requests", submission)).Ok()["cases"]!.AsArray());
    }

    [Fact]
    public async Task A_mutating_call_without_an_officer_is_400_naming_the_header()
    {
        var answer = await new JsonParty(host.WebAddress, host.Keys.KeyOf("mediator"), officer: null).Post("/v1/cases/0123456789abcdef0123456789abcdef:accept", new() { ["requestId"] = "no-officer" });
        Assert.True((answer.Status, answer.Code) == (HttpStatusCode.BadRequest, 3), answer.Body?.ToJsonString());
        Assert.True(answer.Detail("google.rpc.BadRequest")["fieldViolations"]!.AsArray().Any(v => (string?)v!["field"] == "metadata.x-officer"), answer.Body!.ToJsonString());
    }

    [Fact]
    public async Task Another_partys_case_is_404_and_a_step_for_another_kind_of_party_is_403_as_over_grpc()
    {
        var requester = Party("requester-1");
        var caseName = (string)(await requester.Post("/v1/requests",
            HttpJsonCaseTests.Submission(requester.RequestId("submit"), "Other-" + Guid.NewGuid().ToString("N")[..6]))).Ok()["cases"]![0]!["name"]!;

        var other = await Party("requester-2").Get("/v1/" + caseName);
        Assert.Equal((HttpStatusCode.NotFound, 5), (other.Status, other.Code));
        var unknown = await Party("requester-2").Get("/v1/cases/0123456789abcdef0123456789abcdef");
        Assert.Equal((HttpStatusCode.NotFound, 5), (unknown.Status, unknown.Code));

        var accept = await requester.Post($"/v1/{caseName}:accept", new() { ["requestId"] = requester.RequestId("accept") });
        Assert.Equal((HttpStatusCode.Forbidden, 7), (accept.Status, accept.Code));
    }

    [Fact]
    public async Task A_step_the_case_is_not_ready_for_is_400_failed_precondition()
    {
        var requester = Party("requester-1");
        var caseName = (string)(await requester.Post("/v1/requests",
            HttpJsonCaseTests.Submission(requester.RequestId("submit"), "Early-" + Guid.NewGuid().ToString("N")[..6]))).Ok()["cases"]![0]!["name"]!;
        var mediator = Party("mediator");
        // Forwarding needs an accepted case.
        var answer = await mediator.Post($"/v1/{caseName}:forward", new() { ["requestId"] = mediator.RequestId("forward"), ["holdingParty"] = "parties/holder-1" });
        Assert.Equal((HttpStatusCode.BadRequest, 9), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task A_body_that_is_not_the_request_message_is_400_invalid_argument()
    {
        var mediator = Party("mediator");
        var answer = await mediator.Post("/v1/cases/0123456789abcdef0123456789abcdef:accept", new() { ["requestId"] = new JsonArray(1, 2) });
        Assert.True((answer.Status, answer.Code) == (HttpStatusCode.BadRequest, 3), answer.Body?.ToJsonString());
    }

    [Fact]
    public async Task The_grpc_port_serves_json_over_http2_with_prior_knowledge()
    {
        var answer = await new JsonParty(host.Address, host.Keys.KeyOf("mediator"), version: HttpVersion.Version20).Get("/v1/cases?pageSize=1");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(HttpVersion.Version20, answer.Version);
        Assert.NotNull(answer.Body!["cases"]);
        var refused = await new JsonParty(host.Address, "not-a-key", version: HttpVersion.Version20).Get("/v1/cases");
        Assert.Equal((HttpStatusCode.Unauthorized, 16), (refused.Status, refused.Code));
    }
}
