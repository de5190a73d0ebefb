using System.Net;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Finding 9: the dashboard's answers carried no security header, so another site could frame it, a browser could
/// sniff a JSON answer into a page, and caches could keep what an operator saw. Every /operations/* answer —
/// the page, its script and stylesheet, its API, a refused sign-in — now says: only the dashboard's own script,
/// no framing, no sniffing, no caching, no referrer.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class DashboardSecurityHeadersTests(EmbeddedHost host)
{
    public static TheoryData<string, bool> Answers() => new()
    {
        { "/operations/", true },
        { "/operations/dashboard.js", true },
        { "/operations/dashboard.css", true },
        { "/operations/api/overview", true },
        { "/operations/api/actions", true },
        { "/operations/", false },
        { "/operations/api/overview", false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_dashboard_answer_forbids_inline_script_framing_sniffing_and_caching(string path, bool signedIn)
    {
        using var web = signedIn ? host.Web() : new HttpClient { BaseAddress = host.WebAddress };
        using var answer = await web.GetAsync(path);
        Assert.Equal(signedIn ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, answer.StatusCode);

        var policy = Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);
        Assert.Equal("'none'", directives["default-src"]);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
        Assert.True(answer.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{answer.Headers.CacheControl}'");
        Assert.Equal("no-referrer", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_dashboard_page_has_no_inline_script_or_style_the_policy_would_block()
    {
        using var web = host.Web();
        var page = await web.GetStringAsync("/operations/");
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", page);
        Assert.DoesNotContain("<style", page);
        Assert.DoesNotMatch(@"\son[a-z]+=", page);
        Assert.DoesNotMatch(@"\sstyle=", page + await web.GetStringAsync("/operations/dashboard.js"));
    }
}
