using System.Diagnostics;
using System.Net;
using Grpc.Net.Client;
using Mediation.BuildingBlocks.Audit;
using Microsoft.Extensions.DependencyInjection;
using AuditApi = Mediation.Api.Audit.V1;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Finding 8: the dashboard's sign-in took 3,000 wrong passwords in half a second, none limited or recorded, took
/// the mediator's API key as a password, and kept operators' passwords as unsalted SHA-256. As the attacker: guess,
/// and be locked out — even with the right password — until the lockout ends (the host's clock is moved, not waited
/// for); every failed sign-in is in the audit log, without the password; no party's key opens the dashboard.
/// Each test has a host of its own: a lockout is the point of them.
/// </summary>
public sealed class OperatorSignInIsLimitedTests
{
    private const string Operator = "operator-1";
    private const string RightPassword = "demo-operator-password";

    private static async Task<T> OnOwnHost<T>(Func<FakeClockHost, Task<T>> test)
    {
        var host = new FakeClockHost();
        await host.InitializeAsync();
        try
        {
            return await test(host);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<HttpResponseMessage> SignIn(FakeClockHost host, string user, string password)
    {
        using var web = DashboardApi.Client(host.WebAddress, user, password);
        return await web.GetAsync("/operations/api/overview");
    }

    [Fact]
    public Task Guessing_an_operators_password_locks_the_name_out_even_for_the_right_password_until_the_lockout_ends() => OnOwnHost(async host =>
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
            answers.Add((await SignIn(host, Operator, "guess-" + i)).StatusCode);
        // Four wrong guesses are told so; the fifth starts the lockout, and the rest get nowhere.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), answers.Take(4));
        Assert.All(answers.Skip(4), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));

        var locked = await SignIn(host, Operator, RightPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("locked until", await locked.Content.ReadAsStringAsync());
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        host.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn(host, Operator, RightPassword)).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await SignIn(host, Operator, RightPassword)).StatusCode);
        return 0;
    });

    [Fact]
    public Task Guessing_across_many_names_locks_the_address_out() => OnOwnHost(async host =>
    {
        for (var i = 0; i < 20; i++)
            await SignIn(host, "name-" + i, "guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn(host, Operator, RightPassword)).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await SignIn(host, Operator, RightPassword)).StatusCode);
        return 0;
    });

    [Fact]
    public Task Failed_sign_ins_are_in_the_audit_log_without_the_password() => OnOwnHost(async host =>
    {
        await SignIn(host, Operator, "first-wrong-guess");
        await SignIn(host, "nobody", "second-wrong-guess");
        // The audit API lists by case or party, and a refused sign-in has neither: the entries are read from the log
        // itself, and the mediator's check of the chain counts them.
        var log = host.App.Services.GetRequiredService<AuditTrails>().Named("requests", host.App.Services)!;
        var entries = (await log.List(null, null, 0, 500, CancellationToken.None)).Where(e => e.Call == "dashboard sign-in").ToList();
        Assert.Equal(["operator-1 UNAUTHENTICATED", "nobody UNAUTHENTICATED"], entries.Select(e => $"{e.Officer} {e.Outcome}"));
        Assert.All(entries, e => Assert.Equal("", e.PartyId));
        var audit = new AuditApi.AuditLogService.AuditLogServiceClient(GrpcChannel.ForAddress(host.At.Requests));
        var verified = await audit.VerifyAuditLogAsync(new() { Service = "requests" }, host.Party("mediator").Headers);
        Assert.True(verified.Intact);
        Assert.True(verified.EntriesChecked >= 2);
        Assert.All(entries, e => Assert.DoesNotContain("wrong-guess", $"{e.Officer} {e.Call} {e.CaseId} {e.Outcome}"));
        return 0;
    });

    [Fact]
    public Task No_partys_api_key_is_a_dashboard_password_not_even_the_mediators() => OnOwnHost(async host =>
    {
        foreach (var party in new[] { "mediator", "holder-1", "requester-1", "observer" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(host, party, host.Keys.KeyOf(party))).StatusCode);
        return 0;
    });

    [Fact]
    public async Task The_host_makes_a_salted_slow_hash_that_signs_an_operator_in()
    {
        var first = await HashPassword("night shift passphrase");
        var second = await HashPassword("night shift passphrase");
        Assert.Matches(@"^pbkdf2-sha256\$\d{6,}\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$", first);
        Assert.NotEqual(first, second);

        var host = new OperatorHost(first);
        await host.InitializeAsync();
        try
        {
            using var right = host.Web("night-shift", "night shift passphrase");
            Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/operations/api/overview")).StatusCode);
            using var wrong = host.Web("night-shift", "night shift passphras");
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/operations/api/overview")).StatusCode);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private sealed class OperatorHost(string hash) : EmbeddedHost
    {
        protected override string[] Settings() => ["--Operations:Operators:night-shift:PasswordHash", hash];
    }

    private static async Task<string> HashPassword(string password)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mediation.Host.dll"), "hash-password"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(password);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output.Trim();
    }
}
