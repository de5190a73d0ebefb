using System.Text.Json;
using Mediation.IntegrationTests;

namespace Mediation.CliTests;

/// <summary>
/// <c>mediation submit</c> with the example list of 40 children: a list with mistakes is refused whole, each
/// mistake named by row and column; the list sent once is never sent twice, however often it is run.
/// </summary>
public sealed class SubmitTests(EmbeddedHost host) : IClassFixture<EmbeddedHost>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mediation-cli-").FullName;

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    [Fact]
    public async Task A_list_with_two_malformed_rows_is_refused_naming_both_and_sends_nothing_then_sent_whole_once_fixed_and_never_twice()
    {
        var officer = Officers.Of(host, "requester-1");
        var lines = File.ReadAllLines(Example("children.csv"));
        Assert.Equal(41, lines.Length);
        var broken = lines.ToArray();
        broken[6] = Replace(broken[6], 2, "2021-13-19"); // row 7: no 13th month
        broken[22] = Replace(broken[22], 9, "neighbour"); // row 23: no such relationship
        var file = Path.Combine(_folder, "children.csv");
        File.WriteAllLines(file, broken);

        var refused = await officer.Run("submit", file);

        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("row 7, column birth_date (C): '2021-13-19' is not a date", refused.Error);
        Assert.Contains("row 23, column claimant_relationship (J): 'neighbour' is none of", refused.Error);
        Assert.Equal(2, refused.Error.Split('\n').Count(l => l.Contains(", column ")));
        Assert.Contains("nothing was sent", refused.Error);
        Assert.Empty(await Cases(officer));

        File.Copy(Example("children.csv"), file, overwrite: true);
        var sent = await officer.Run("submit", file, "--json");

        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Equal(40, sent.Json().GetProperty("sent").GetInt32());
        var cases = await Cases(officer);
        Assert.Equal(40, cases.Count);
        Assert.Equal(Children(lines), cases.Select(c => Child(c)).Order());

        var again = await officer.Run("submit", file, "--json");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, again.Json().GetProperty("sent").GetInt32());
        Assert.Equal(40, again.Json().GetProperty("alreadySubmitted").GetInt32());
        Assert.Equal(sent.Json().GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("case").GetString()),
            again.Json().GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("case").GetString()));
        Assert.Equal(40, (await Cases(officer)).Count);
    }

    [Fact]
    public async Task A_rerun_after_part_of_a_json_list_went_in_adds_only_the_children_missing()
    {
        var officer = Officers.Of(host, "requester-2");
        var all = JsonDocument.Parse(File.ReadAllText(Example("children.json"))).RootElement.EnumerateArray().ToList();
        var part = Path.Combine(_folder, "first-15.json");
        File.WriteAllText(part, "[" + string.Join(",", all.Take(15).Select(e => e.GetRawText())) + "]");

        var first = await officer.Run("submit", part, "--list-id", "children-of-december", "--json");
        var rest = await officer.Run("submit", Example("children.json"), "--list-id", "children-of-december", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(15, first.Json().GetProperty("sent").GetInt32());
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(25, rest.Json().GetProperty("sent").GetInt32());
        Assert.Equal(15, rest.Json().GetProperty("alreadySubmitted").GetInt32());
        Assert.Equal(40, (await Cases(officer)).Count);
    }

    [Fact]
    public async Task A_wrong_key_is_a_refusal_with_its_status_and_exit_code_4()
    {
        var stranger = new MediationProcess(host.Address, "not-a-key", "requester-1");

        var result = await stranger.Run("cases", "list");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("UNAUTHENTICATED", result.Error);
    }

    [Fact]
    public async Task A_service_nobody_answers_at_is_unavailable_with_exit_code_5()
    {
        var nowhere = new MediationProcess(new Uri($"http://127.0.0.1:{Ports.Free()}"), "demo-requester-1-key", "requester-1");

        var result = await nowhere.Run("cases", "list");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("UNAVAILABLE", result.Error);
    }

    [Fact]
    public async Task A_mistyped_command_is_a_usage_error_and_help_lists_the_exit_codes()
    {
        var officer = Officers.Of(host, "requester-1");

        var mistyped = await officer.Run("casez", "list");
        var help = await officer.Run("--help");

        Assert.True(mistyped.ExitCode == 2, mistyped.ToString());
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("3  invalid input", help.Output);
        Assert.Contains("5  unavailable", help.Output);
    }

    private static async Task<List<JsonElement>> Cases(MediationProcess officer)
    {
        var list = await officer.Run("cases", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        return list.Json().TryGetProperty("cases", out var cases) ? cases.EnumerateArray().ToList() : [];
    }

    private static string Child(JsonElement c) =>
        c.GetProperty("child").GetProperty("givenName").GetString() + " " + c.GetProperty("child").GetProperty("familyName").GetString();

    private static IEnumerable<string> Children(string[] csv) => csv.Skip(1).Select(l => l.Split(',')).Select(f => f[0] + " " + f[1]).Order();

    /// <summary>The line with one field changed (the fields changed here hold no quotes or commas).</summary>
    private static string Replace(string line, int field, string value)
    {
        var fields = SplitCsv(line);
        fields[field] = value;
        return string.Join(",", fields.Select(f => f.Contains(',') ? $"\"{f}\"" : f));
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
