using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediation.Host;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Finding 2: every image carried the public demo files (plain API keys, every party's private signing key, the
/// operator's password, the data, index and audit-chain keys), compose and up.sh pointed every service at them and
/// published RabbitMQ (guest/guest) and PostgreSQL (postgres/postgres), and a host in Production started on them
/// without a word. Now: the files a deployment ships carry no demo secret and publish no broker or database port; a
/// process outside demo mode refuses to start on demo or plain secrets; a process in demo mode says so; and the
/// secrets scripts/secrets.sh makes for up.sh and compose share nothing with the demo files.
/// </summary>
public sealed class DemoSecretsStayOutOfDeploymentsTests
{
    private static readonly string DemoParties = Path.Combine(AppContext.BaseDirectory, "parties.demo.json");
    private static readonly string DemoKeys = Path.Combine(AppContext.BaseDirectory, "keys.demo.json");

    /// <summary>Every string value of the demo files that is a secret or key (names, kinds and comments are not).</summary>
    private static List<string> DemoSecrets()
    {
        var values = new List<string>();
        void Walk(JsonElement e, string key)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject())
                    Walk(p.Value, p.Name);
            else if (e.ValueKind == JsonValueKind.String && key is not ("Name" or "Kind" or "//" or "ActiveKey" or "Role"))
                values.Add(e.GetString()!);
        }
        Walk(JsonDocument.Parse(File.ReadAllText(DemoParties)).RootElement, "");
        Walk(JsonDocument.Parse(File.ReadAllText(DemoKeys)).RootElement, "");
        // 6 parties × (API key, public and private signing key), the operator's and the observer's passwords, the reports
        // view's API key (the observer's, again), 3 keys
        Assert.Equal(24, values.Count);
        return values;
    }

    private static string ShippedFile(string name) => File.ReadAllText(Path.Combine(Repository.Root, name));

    [Fact]
    public async Task A_publish_of_the_host_leaves_the_demo_files_out()
    {
        // What MSBuild makes of the project, not its text: the web SDK takes JSON files as Content, so a rule written
        // for None items read right and changed nothing, and every publish carried the demo files.
        var start = new ProcessStartInfo("dotnet", ["msbuild", Path.Combine(Repository.Root, "services", "Host", "Mediation.Host.csproj"), "-getItem:Content", "-nologo"])
        {
            RedirectStandardOutput = true,
        };
        using var msbuild = Process.Start(start)!;
        var output = await msbuild.StandardOutput.ReadToEndAsync();
        await msbuild.WaitForExitAsync();
        Assert.Equal(0, msbuild.ExitCode);
        var content = JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("Content").EnumerateArray()
            .ToDictionary(i => i.GetProperty("Identity").GetString()!, i => i.GetProperty("CopyToPublishDirectory").GetString());
        Assert.Equal("Never", content["parties.demo.json"]);
        Assert.Equal("Never", content["keys.demo.json"]);
    }

    [Fact]
    public void The_dockerfile_and_compose_file_carry_no_demo_secret_and_publish_no_broker_or_database_port()
    {
        var dockerfile = ShippedFile("Dockerfile");
        var compose = ShippedFile("docker-compose.yml");
        foreach (var secret in DemoSecrets())
        {
            Assert.DoesNotContain(secret, dockerfile);
            Assert.DoesNotContain(secret, compose);
        }
        Assert.DoesNotContain(".demo.json", dockerfile);
        Assert.DoesNotContain(".demo.json", compose);
        // What the build context holds: neither the demo files nor a deployment's own secrets reach an image.
        var ignored = ShippedFile(".dockerignore").Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("**/*.demo.json", ignored);
        Assert.Contains("secrets/", ignored);
        Assert.Contains("CopyToPublishDirectory=\"Never\"", ShippedFile("services/Host/Mediation.Host.csproj"));

        foreach (var server in new[] { "rabbitmq", "postgres" })
        {
            var block = ComposeService(compose, server);
            Assert.DoesNotContain("ports:", block);
            Assert.DoesNotContain("guest", block);
            Assert.DoesNotMatch(@"(USER|PASSWORD|PASS): *\$\{(BUS_|POSTGRES_)", block);
        }
        Assert.Contains("RABBITMQ_DEFAULT_PASS: \"${MEDIATION_BUS_PASSWORD:?", compose);
        Assert.Contains("POSTGRES_PASSWORD: \"${MEDIATION_DATABASE_PASSWORD:?", compose);
        Assert.DoesNotContain("Password=postgres", compose);
        Assert.DoesNotContain("Mediation__Demo: \"true\"", compose);
    }

    private static string ComposeService(string compose, string name)
    {
        var lines = compose.Split('\n');
        var start = Array.IndexOf(lines, $"  {name}:");
        Assert.True(start >= 0, $"docker-compose.yml has no service {name}");
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.Length == 0));
    }

    public static TheoryData<string> Programs() => ["Requests", "Verification", "Handover", "Operations", "Host"];

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_process_outside_demo_mode_refuses_to_start_on_the_demo_files(string program)
    {
        var (exit, output) = await Run(program, "--Mediation:PartiesFile", DemoParties, "--Mediation:KeysFile", DemoKeys);
        Assert.True(exit == 2, $"Mediation.{program} exited {exit}:\n{output}");
        Assert.Contains("refuses to start", output);
        Assert.Contains("Parties:mediator:ApiKey is a secret in plain text", output);
        Assert.Contains("Parties:holder-1:DemoPrivateKey is a secret in plain text", output);
        Assert.Contains("Operations:Operators:operator-1:Password is a secret in plain text", output);
        Assert.Contains("Audit:ChainKey holds a public demo secret", output);
        Assert.Contains("PersonalData:IndexKey holds a public demo secret", output);
        Assert.DoesNotContain("Unhandled exception", output);
        foreach (var secret in DemoSecrets())
            Assert.DoesNotContain(secret, output);
    }

    [Fact]
    public async Task The_embedded_host_announces_demo_mode_when_it_starts_on_the_demo_files()
    {
        var data = Path.Combine(Path.GetTempPath(), "mediation-demo-" + Guid.NewGuid().ToString("N")[..8]);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mediation.Host.dll"),
            "--urls", $"http://127.0.0.1:{Ports.Free()}", "--Mediation:WebUrl", $"http://127.0.0.1:{Ports.Free()}", "--Mediation:DataDirectory", data])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var seen = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.Add(line);
                if (line.Contains("Mediation is listening", StringComparison.Ordinal))
                    break;
            }
            Assert.Single(seen, l => l.Contains("DEMO MODE", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_secrets_up_sh_and_compose_generate_share_nothing_with_the_demo_and_start_a_deployment()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mediation-secrets-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await Script("secrets.sh", folder);
            var generated = string.Join('\n', Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
            foreach (var secret in DemoSecrets())
                Assert.DoesNotContain(secret, generated);
            Assert.DoesNotContain("\"ApiKey\"", File.ReadAllText(Path.Combine(folder, "parties.json")));
            Assert.DoesNotContain("\"Password\"", File.ReadAllText(Path.Combine(folder, "parties.json")));
            // Each partner's signing key is one its client can sign with (PKCS#8), and the one the deployment knows it by.
            using var parties = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "parties.json")));
            foreach (var party in parties.RootElement.GetProperty("Parties").EnumerateObject())
            {
                using var partner = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "partners", party.Name + ".json")));
                using var key = System.Security.Cryptography.ECDsa.Create();
                key.ImportPkcs8PrivateKey(Convert.FromBase64String(partner.RootElement.GetProperty("signingKey").GetString()!), out _);
                Assert.Equal(party.Value.GetProperty("PublicKey").GetString(), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
            }

            // Outside demo mode, the generated files are accepted, and the same files with any one demo secret added are not.
            string[] deployment = ["--Mediation:Demo", "false", "--Mediation:PartiesFile", Path.Combine(folder, "parties.json"),
                "--Mediation:KeysFile", Path.Combine(folder, "keys.json"), "--Mediation:DataDirectory", Path.Combine(folder, "data")];
            await MediationHost.Build(deployment).DisposeAsync();
            var demoKeyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("demo-mediator-key")));
            foreach (var secret in DemoSecrets().Append(demoKeyHash))
            {
                var refused = Assert.ThrowsAny<Exception>(() => MediationHost.Build([.. deployment, "--Parties:mediator:ApiKeySha256", secret]));
                Assert.True(refused.Message.Contains("refuses to start"), refused.ToString());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, $"Mediation.{program}.dll"), .. args,
            "--urls", $"http://127.0.0.1:{Ports.Free()}", "--Mediation:WebUrl", $"http://127.0.0.1:{Ports.Free()}",
            "--Mediation:DataDirectory", Path.Combine(Path.GetTempPath(), "mediation-refused-" + Guid.NewGuid().ToString("N")[..8])])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "still running after 60 s: it started on the demo files");
        }
        return (process.ExitCode, await output + await error);
    }

    private static async Task Script(string name, string argument)
    {
        var process = Process.Start(new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", name), [argument])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"scripts/{name} failed: {output}");
    }
}
