using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Mediation.BuildingBlocks.Hosting;
using Mediation.Host;
using Mediation.Client;
using Mediation.Host.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Common = Mediation.Api.Common.V1;

namespace Mediation.IntegrationTests;

/// <summary>
/// A key rotation as docs/security.md tells it: a new encryption key and a new index key are added and made active,
/// <c>reencrypt</c> rewrites what is stored, the old keys are removed — and every case still reads and still matches.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "mediation-rotation-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly DemoParties _parties = DemoParties.Load(Path.Combine(AppContext.BaseDirectory, "parties.demo.json"));
    private static readonly string OldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string OldIndex = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewIndex = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task After_reencrypt_the_old_keys_can_go_and_every_case_still_reads_and_matches()
    {
        var born = new DateOnly(2015, 6, 3);
        string original, cleartext;
        await using (var before = await Start(["--PersonalData:Keys:old", OldKey, "--PersonalData:IndexKey", OldIndex]))
        {
            var requester = _parties.Client(ServiceAddresses.Embedded(Address(before)), "requester-1", "officer-1");
            original = (await requester.Requests.SubmitRequestAsync(Child("r1", "Mykola", "Hrytsenko", born), requester.Headers)).Cases[0].Name;
            cleartext = (await requester.Requests.SubmitRequestAsync(Child("r2", "Maryna", "Hrytsenko", born.AddYears(-3)), requester.Headers)).Cases[0].Name;
            await before.StopAsync();
        }
        // A row as a database from before encryption holds it: in clear.
        await Execute($"UPDATE cases SET Child_GivenName = 'Maryna' WHERE Id = '{cleartext["cases/".Length..]}'");
        Assert.Contains("p1:old:", Stored());

        string[] rotated = ["--PersonalData:Keys:old", OldKey, "--PersonalData:Keys:new", NewKey, "--PersonalData:ActiveKey", "new", "--PersonalData:IndexKey", NewIndex];
        // As an operator runs it: the host's own program, with the rotated keys.
        var run = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mediation.Host.dll"), ReencryptCommand.Verb, .. Arguments(rotated)])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await run.StandardOutput.ReadToEndAsync();
        var errors = await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, output + errors);
        Assert.Matches(@"requests: [1-9]\d* values rewritten under key 'new', [1-9]\d* blind indexes rewritten", output);
        Assert.DoesNotContain("p1:old:", Stored());
        Assert.DoesNotContain("Maryna", Stored());
        Assert.Contains("p1:new:", Stored());

        await using var after = await Start(["--PersonalData:Keys:new", NewKey, "--PersonalData:IndexKey", NewIndex]);
        var address = ServiceAddresses.Embedded(Address(after));
        var requester2 = _parties.Client(address, "requester-2", "officer-1");
        var mediator = _parties.Client(address, "mediator", "officer-1");
        var read = (await mediator.Requests.GetCaseAsync(new() { Name = original }, mediator.Headers)).Case;
        Assert.Equal(("Mykola", "Hrytsenko", 2015), (read.Child.GivenName, read.Child.FamilyName, read.Child.BirthDate.Year));
        Assert.Equal("Maryna", (await mediator.Requests.GetCaseAsync(new() { Name = cleartext }, mediator.Headers)).Case.Child.GivenName);

        // The same child asked for again is found through the birth date's blind index under the new index key.
        var again = (await requester2.Requests.SubmitRequestAsync(Child("r3", "Mykola", "Hrytsenko", born), requester2.Headers)).Cases[0].Name;
        var candidates = (await mediator.Requests.ListMatchCandidatesAsync(new() { Parent = again }, mediator.Headers)).Candidates;
        Assert.Equal(original, Assert.Single(candidates).Candidate);
    }

    private async Task<WebApplication> Start(string[] keys)
    {
        var app = MediationHost.Build(Arguments(keys));
        await app.StartAsync();
        return app;
    }

    // Keys given as settings replace the demo keys file, the audit chain's key with them.
    private static readonly string ChainKey = Convert.ToBase64String(new byte[32]);

    private string[] Arguments(string[] keys) =>
        ["--urls", "http://127.0.0.1:0", "--Mediation:WebUrl", $"http://127.0.0.1:{Ports.Free()}", "--Mediation:DataDirectory", _data,
            "--Audit:ChainKey", ChainKey, .. keys];

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static Api.Requests.V1.SubmitRequestRequest Child(string requestId, string given, string family, DateOnly born)
    {
        var request = Requests.OneChild(requestId + "-" + Guid.NewGuid().ToString("N")[..6]);
        var child = request.Children[0].Child;
        (child.GivenName, child.FamilyName) = (given, family);
        child.BirthDate = new Common.CalendarDate { Year = born.Year, Month = born.Month, Day = born.Day };
        return request;
    }

    private async Task Execute(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "requests.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>The requests database as a copy of its files would show it.</summary>
    private string Stored()
    {
        SqliteConnection.ClearAllPools();
        return string.Concat(Directory.GetFiles(_data, "requests.db*").Select(f => Encoding.Latin1.GetString(StoredPersonalData.Copy(f))));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }
}
