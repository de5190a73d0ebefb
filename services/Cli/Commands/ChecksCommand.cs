using System.CommandLine;
using System.Security.Cryptography;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;
using Common = Mediation.Api.Common.V1;
using VerificationApi = Mediation.Api.Verification.V1;

namespace Mediation.Cli.Commands;

/// <summary><c>mediation checks …</c>: the verification checks that wait on the caller, and its attestations.</summary>
public static class ChecksCommand
{
    public static Command Create(CallerOptions caller)
    {
        var checks = new Command("checks", "The checks before a handover: what waits on you, a case's checklist, attestations");
        checks.Add(Pending(caller));
        checks.Add(Get(caller));
        checks.Add(Attest(caller));
        return checks;
    }

    private static Command Pending(CallerOptions caller)
    {
        var command = new Command("pending", "Checks waiting on you, oldest first, with when each is due");
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var client = run.CaseParty();
            var all = new VerificationApi.ListPendingChecksResponse();
            var page = new VerificationApi.ListPendingChecksRequest { PageSize = 500 };
            do
            {
                var response = await client.ListPendingChecksAsync(page, ct);
                all.Checks.Add(response.Checks);
                page.PageToken = response.NextPageToken;
            } while (page.PageToken.Length > 0);
            run.Show(all, o =>
            {
                var table = new Table("CASE", "CHECK", "STATE", "DUE", "WHAT IS NEEDED");
                foreach (var c in all.Checks)
                    table.Add(c.Case, Names.Of(c.Type), Names.Of(c.State), CaseViews.Time(c.DueTime), c.Reason);
                table.WriteTo(o);
            });
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Get(CallerOptions caller)
    {
        var name = Arguments.Case();
        var command = new Command("get", "A case's checklist: each check, its owner, whom it waits on and by when") { name };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var response = await run.CaseParty().GetChecklistAsync(Names.Case(run.Value(name)), ct);
            run.Show(response, o => Show(o, response.Checklist));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Attest(CallerOptions caller)
    {
        var name = Arguments.Case();
        var types = new Argument<string[]>("check")
        {
            Description = "The check(s) to attest: " + Names.Choices<VerificationApi.CheckType>(),
            Arity = ArgumentArity.OneOrMore,
        };
        var outcome = new Option<string>("--outcome")
        {
            Description = "PASSED, FAILED (needs --reason) or MORE_INFO_NEEDED (needs --reason)",
            DefaultValueFactory = _ => "PASSED",
        };
        var reason = Arguments.Text("--reason", "Why it failed, or what is needed (at most 2000 characters)");
        var infoFrom = Arguments.Text("--info-from", "With MORE_INFO_NEEDED: the kind of party that must answer (REQUESTING, HOLDING or MEDIATOR)");
        var evidence = new Option<string[]>("--evidence")
        {
            Description = "A document backing the attestation, as KIND,ISSUER,SHA256 or KIND,ISSUER,@FILE (the file is hashed here; only its hash is sent). Repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("attest", "Attest a check you own: passed, failed, or more information needed") { name, types, outcome, reason, infoFrom, evidence };
        Invocation.Bind(command, caller, async (run, ct) =>
        {
            var checklist = Names.Case(run.Value(name)) + "/checklist";
            var chosen = run.Value(types).Select(t => Arguments.Enum<VerificationApi.CheckType>(t, "check")).ToList();
            var result = Arguments.Enum<VerificationApi.AttestationOutcome>(run.Value(outcome), "--outcome");
            var documents = (run.Value(evidence) ?? []).Select(Evidence).ToList();
            var client = run.CaseParty();
            VerificationApi.AttestCheckResponse? last = null;
            foreach (var type in chosen)
            {
                var request = new VerificationApi.AttestCheckRequest { Checklist = checklist, Check = type, Outcome = result, Reason = run.Value(reason) ?? "" };
                request.Evidence.Add(documents);
                if (run.Value(infoFrom) is { } from)
                    request.InfoFrom = Arguments.Enum<Common.PartyKind>(from, "--info-from");
                last = await client.AttestCheckAsync(request, ct);
            }
            run.Show(last!, o => Show(o, last!.Checklist));
            return ExitCode.Ok;
        });
        return command;
    }

    private static VerificationApi.EvidenceReference Evidence(string text)
    {
        var parts = text.Split(',', 3, StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new InvalidInputException($"--evidence '{text}': KIND,ISSUER,SHA256 or KIND,ISSUER,@FILE expected");
        var hash = parts[2];
        if (hash.StartsWith('@'))
        {
            var file = hash[1..];
            if (!File.Exists(file))
                throw new InvalidInputException($"--evidence '{text}': no such file {file}");
            using var stream = File.OpenRead(file);
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        else if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
            throw new InvalidInputException($"--evidence '{text}': the SHA-256 is 64 lowercase hex digits");
        return new VerificationApi.EvidenceReference { Kind = parts[0], Issuer = parts[1], Sha256 = hash };
    }

    private static void Show(TextWriter output, VerificationApi.Checklist checklist)
    {
        output.WriteLine($"{checklist.Name}  {Names.Of(checklist.State)}{(checklist.SharingStopped ? " (sharing stopped)" : "")}");
        var table = new Table("CHECK", "OWNER", "STATE", "WAITING ON", "DUE", "ATTESTED BY", "REASON");
        foreach (var c in checklist.Checks)
            table.Add(Names.Of(c.Type), Names.Of(c.OwnerKind), Names.Of(c.State), c.WaitingOn == Common.PartyKind.Unspecified ? "" : Names.Of(c.WaitingOn),
                CaseViews.Time(c.DueTime), c.AttestedByParty, c.Reason);
        table.WriteTo(output);
    }
}
