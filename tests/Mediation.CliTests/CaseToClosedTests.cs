using System.Text.Json;
using System.Text.Json.Nodes;
using Mediation.IntegrationTests;

namespace Mediation.CliTests;

/// <summary>
/// One child from submission to CLOSED with the command line alone, each party's officer with its own key:
/// custody acknowledged with the parties' PEM keys, the receipt verified offline and a tampered copy refused.
/// </summary>
public sealed class CaseToClosedTests(EmbeddedHost host) : IClassFixture<EmbeddedHost>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mediation-cli-").FullName;

    [Fact]
    public async Task A_case_goes_to_closed_through_the_command_line_with_custody_signed_by_pem_keys_and_a_receipt_that_verifies()
    {
        var requester = Officers.Of(host, "requester-1");
        var holder = Officers.Of(host, "holder-1");
        var mediator = Officers.Of(host, "mediator");
        var list = Path.Combine(_folder, "one-child.csv");
        File.WriteAllLines(list, File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "examples", "children.csv")).Take(2));

        var submitted = Ok(await requester.Run("submit", list, "--json"));
        var caseName = submitted.Json().GetProperty("rows")[0].GetProperty("case").GetString()!;
        Ok(await mediator.Run("cases", "accept", caseName));
        Ok(await mediator.Run("cases", "forward", caseName, "--to", "holder-1"));
        Ok(await holder.Run("cases", "locate", caseName, "--region", "Southern Region", "--settlement", "Lakeside"));
        Ok(await holder.Run("cases", "watch", "--case", caseName, "--until", "IN_VERIFICATION", "--timeout", "60"));

        // Each owner attests what waits on it, as `checks pending` tells it; the mediator's sign-off comes last.
        foreach (var officer in new[] { holder, requester })
        {
            var pending = Ok(await officer.Run("checks", "pending", "--json")).Json().GetProperty("checks").EnumerateArray()
                .Where(c => c.GetProperty("case").GetString() == caseName).Select(c => c.GetProperty("type").GetString()!).ToArray();
            Assert.NotEmpty(pending);
            Ok(await officer.Run(["checks", "attest", caseName, .. pending, "--evidence", $"document,Civil Registry,{new string('a', 64)}"]));
        }
        Ok(await mediator.Run("checks", "attest", caseName, "BEST_INTERESTS"));
        Ok(await mediator.Run("cases", "watch", "--case", caseName, "--until", "VERIFIED", "--timeout", "60"));

        var planned = Ok(await mediator.Run("batches", "plan", caseName, "--venue-region", "Capital Region", "--venue-institution", "Embassy of the mediator",
            "--leg", "holder-1:mediator:Embassy", "--leg", "mediator:requester-1:Crossing", "--leg", "requester-1:claimant:Home", "--json"));
        var batch = planned.Json().GetProperty("name").GetString()!;

        var handed = Ok(await holder.Run("custody", "ack", "--key", Officers.KeyFile(host, "holder-1", _folder), "--batch", batch, "--json"));
        var carried = Ok(await mediator.Run("custody", "ack", "--key", Officers.KeyFile(host, "mediator", _folder), "--batch", batch, "--json"));
        var reunited = Ok(await requester.Run("custody", "ack", "--key", Officers.KeyFile(host, "requester-1", _folder), "--batch", batch, "--json"));

        Assert.Equal("parties/holder-1", handed.Json().GetProperty("chain").GetProperty("currentCustodian").GetString()); // given, not yet received
        Assert.Equal("parties/mediator", carried.Json().GetProperty("chain").GetProperty("currentCustodian").GetString());
        Assert.Equal("claimant", reunited.Json().GetProperty("chain").GetProperty("currentCustodian").GetString());
        Assert.Equal(6, reunited.Json().GetProperty("chain").GetProperty("entries").GetArrayLength());

        var receipt = Path.Combine(_folder, "receipt.json");
        File.WriteAllText(receipt, Ok(await requester.Run("custody", "chain", caseName, "--json")).Output);
        var parties = Path.Combine(AppContext.BaseDirectory, "parties.demo.json");
        var verified = await requester.Run("receipt", "verify", receipt, "--parties", parties);
        var tampered = Path.Combine(_folder, "tampered.json");
        var copy = JsonNode.Parse(File.ReadAllText(receipt))!;
        copy["chain"]!["entries"]![1]!["place"] = "Another place";
        File.WriteAllText(tampered, copy.ToJsonString());
        var refused = await requester.Run("receipt", "verify", tampered, "--parties", parties);

        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.StartsWith("receipt valid: " + caseName, verified.Output);
        Assert.True(refused.ExitCode == 6, refused.ToString());
        Assert.Contains("invalid: entry 2", refused.Output);

        Ok(await requester.Run("cases", "follow-up", caseName));
        Ok(await requester.Run("cases", "follow-up", caseName));
        Ok(await mediator.Run("cases", "close", caseName));
        Ok(await mediator.Run("cases", "watch", "--case", caseName, "--until", "CLOSED", "--timeout", "60"));

        var closed = Ok(await requester.Run("cases", "get", caseName, "--json")).Json().GetProperty("case");
        Assert.Equal("CASE_STAGE_CLOSED", closed.GetProperty("stage").GetString());
        var audit = Ok(await mediator.Run("audit", "verify", "--json")).Json();
        Assert.All(new[] { "requests", "verification", "handover" }, s => Assert.True(audit.GetProperty(s).GetProperty("intact").GetBoolean()));
    }

    [Fact]
    public async Task A_custody_key_that_is_not_a_pem_key_is_invalid_input_and_nothing_is_sent()
    {
        var notAKey = Path.Combine(_folder, "not-a-key.pem");
        File.WriteAllText(notAKey, "hello");

        var result = await Officers.Of(host, "holder-1").Run("custody", "ack", "--key", notAKey, "--batch", "batches/none");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("--key", result.Error);
    }

    private static MediationProcess.Result Ok(MediationProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
