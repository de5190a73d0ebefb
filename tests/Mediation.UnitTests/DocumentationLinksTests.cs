using System.Text;
using System.Text.RegularExpressions;

namespace Mediation.UnitTests;

/// <summary>
/// README.md is the front door and docs/ holds the guides, each read on its own: every relative link
/// between them must lead to a file that exists, and every #anchor to a heading of that file, named as
/// GitHub names it. The README stays short enough to be read first, and leads to every guide.
/// </summary>
public partial class DocumentationLinksTests
{
    private const int ReadmeLimitBytes = 12 * 1024;

    private static readonly string Root = FindRoot();

    public static TheoryData<string> Documents()
    {
        var documents = new TheoryData<string> { "README.md" };
        foreach (var guide in Guides())
            documents.Add(guide);
        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_link_between_the_guides_leads_somewhere(string document)
    {
        var broken = BrokenLinks(Path.Combine(Root, document), Root);
        Assert.True(broken.Count == 0, $"{document} has links that lead nowhere:\n  " + string.Join("\n  ", broken));
    }

    [Fact]
    public void The_readme_stays_under_12_KB()
    {
        var size = new FileInfo(Path.Combine(Root, "README.md")).Length;
        Assert.True(size < ReadmeLimitBytes, $"README.md is {size} bytes; the front door stays under {ReadmeLimitBytes}: move detail into a guide in docs/.");
    }

    [Fact]
    public void The_readme_leads_to_every_guide()
    {
        var readme = Path.Combine(Root, "README.md");
        var linked = Links(File.ReadAllText(readme))
            .Where(l => !IsExternal(l))
            .Select(l => Resolve(readme, l).Path)
            .ToHashSet(StringComparer.Ordinal);
        var guides = Guides().ToList();
        Assert.NotEmpty(guides);
        var unlinked = guides.Where(g => !linked.Contains(Path.GetFullPath(Path.Combine(Root, g)))).ToList();
        Assert.True(unlinked.Count == 0, "README.md does not link to: " + string.Join(", ", unlinked));
    }

    /// <summary>The checker itself: a missing file, a missing heading and a path out of the repository are each reported.</summary>
    [Fact]
    public void A_link_to_a_missing_file_or_heading_is_reported()
    {
        var root = Directory.CreateTempSubdirectory("links-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "guide.md"), "# A guide\n\n## Keys: rotation (by `reencrypt`)\n\nSee [the front door](../README.md#start).\n");
            File.WriteAllText(Path.Combine(root, "README.md"), """
                # Start

                [good](docs/guide.md) [good anchor](docs/guide.md#keys-rotation-by-reencrypt) [here](#start)
                [web](https://example.org/missing.md) [mail](mailto:someone@example.org)
                `[in code](docs/absent.md)`

                ```
                [in a block](docs/absent.md)
                ```

                [missing file](docs/absent.md) [missing heading](docs/guide.md#no-such-heading) [outside](../elsewhere.md)
                """);

            Assert.Empty(BrokenLinks(Path.Combine(root, "docs", "guide.md"), root));
            var broken = BrokenLinks(Path.Combine(root, "README.md"), root);
            Assert.Equal(3, broken.Count);
            Assert.Contains(broken, b => b.Contains("docs/absent.md", StringComparison.Ordinal));
            Assert.Contains(broken, b => b.Contains("#no-such-heading", StringComparison.Ordinal));
            Assert.Contains(broken, b => b.Contains("../elsewhere.md", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("1. What it is for", "1-what-it-is-for")]
    [InlineData("Following events live: WatchCaseEvents", "following-events-live-watchcaseevents")]
    [InlineData("Enrolling a party (test deployment)", "enrolling-a-party-test-deployment")]
    [InlineData("The .env file", "the-env-file")]
    [InlineData("Rotating the data keys: `reencrypt`", "rotating-the-data-keys-reencrypt")]
    [InlineData("See [the checks](#the-checks) — twice", "see-the-checks--twice")]
    [InlineData("snake_case and kebab-case", "snake_case-and-kebab-case")]
    public void Headings_are_named_as_GitHub_names_them(string heading, string anchor) =>
        Assert.Equal(anchor, Slug(heading));

    private static IEnumerable<string> Guides() =>
        Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static List<string> BrokenLinks(string file, string root)
    {
        root = Path.GetFullPath(root);
        var broken = new List<string>();
        foreach (var link in Links(File.ReadAllText(file)).Where(l => !IsExternal(l)))
        {
            var (path, anchor) = Resolve(file, link);
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && path != root)
                broken.Add($"({link}): leads out of the repository");
            else if (!File.Exists(path) && !Directory.Exists(path))
                broken.Add($"({link}): no such file");
            else if (anchor is not null && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Anchors(File.ReadAllText(path)).Contains(anchor))
                broken.Add($"({link}): no heading #{anchor} in {Path.GetRelativePath(root, path)}");
        }
        return broken;
    }

    private static bool IsExternal(string link) =>
        link.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || link.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || link.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file a link leads to (the linking file itself for #anchor alone) and its anchor, if any.</summary>
    private static (string Path, string? Anchor) Resolve(string file, string link)
    {
        var hash = link.IndexOf('#');
        var target = Uri.UnescapeDataString(hash < 0 ? link : link[..hash]);
        var anchor = hash < 0 ? null : link[(hash + 1)..];
        var path = target.Length == 0 ? file : Path.Combine(Path.GetDirectoryName(file)!, target);
        return (Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar), anchor);
    }

    /// <summary>Targets of inline links and images, and of reference definitions, outside code.</summary>
    private static IEnumerable<string> Links(string markdown)
    {
        var prose = WithoutCode(markdown);
        foreach (Match m in InlineLink().Matches(prose))
            yield return m.Groups["target"].Value.Trim('<', '>');
        foreach (Match m in ReferenceDefinition().Matches(prose))
            yield return m.Groups["target"].Value.Trim('<', '>');
    }

    /// <summary>Every heading's anchor, as GitHub makes them: the same heading again gets -1, -2, ….</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var heading in Headings(markdown))
        {
            var slug = Slug(heading);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }
        return anchors;
    }

    private static IEnumerable<string> Headings(string markdown)
    {
        var previous = "";
        foreach (var line in Lines(markdown))
        {
            if (line is null)
            {
                previous = "";
                continue;
            }
            if (AtxHeading().Match(line) is { Success: true } atx)
                yield return atx.Groups["text"].Value;
            else if (SetextUnderline().IsMatch(line) && previous.Trim().Length > 0 && !previous.TrimStart().StartsWith('|'))
                yield return previous.Trim();
            previous = line;
        }
    }

    /// <summary>GitHub's anchor for a heading: its text as rendered, lowercase, punctuation other than - and _ removed, each space a hyphen.</summary>
    private static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, m => m.Groups["text"].Value);
        var slug = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (c == ' ')
                slug.Append('-');
            else if (c is '-' or '_' || char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
                slug.Append(c);
        }
        return slug.ToString();
    }

    /// <summary>The markdown with fenced blocks and inline code spans blanked out: links there are not links.</summary>
    private static string WithoutCode(string markdown) =>
        string.Join('\n', Lines(markdown).Select(l => l is null ? "" : CodeSpan().Replace(l, "code")));

    /// <summary>Each line, or null for a line inside (or fencing) a code block.</summary>
    private static IEnumerable<string?> Lines(string markdown)
    {
        string? fence = null;
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                yield return null;
            }
            else if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                    fence = null;
                yield return null;
            }
            else
            {
                yield return line;
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mediation.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Mediation.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(?:=+|-+)\s*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"(`+).+?\1")]
    private static partial Regex CodeSpan();
}
