using System.Diagnostics;
using System.Text.Json;

namespace Mediation.CliTests;

/// <summary>
/// The command line as an officer runs it: <c>dotnet mediation.dll …</c> in a process of its own, with its
/// settings in the environment, its output and exit code read back. Nothing of the caller's own MEDIATION_*
/// environment leaks in.
/// </summary>
public sealed class MediationProcess(Uri address, string apiKey, string party, string officer = "officer-7")
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public JsonElement Json() => JsonDocument.Parse(Output).RootElement;

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>The CLI's own build output, beside this test's (same configuration).</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "mediation.dll");

    public Task<Result> Run(params string[] args) => Run(args, TimeSpan.FromMinutes(2));

    public async Task<Result> Run(string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("MEDIATION_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(variable);
        start.Environment["MEDIATION_ADDRESS"] = address.ToString();
        start.Environment["MEDIATION_API_KEY"] = apiKey;
        start.Environment["MEDIATION_PARTY"] = party;
        start.Environment["MEDIATION_OFFICER"] = officer;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mediation {string.Join(' ', args)} did not end within {timeout}: {await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
