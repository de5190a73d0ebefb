using System.CommandLine;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Mediation.Cli.Connection;
using Mediation.Cli.Output;
using Mediation.Client;

namespace Mediation.Cli.Commands;

/// <summary>
/// One run of a command: its parsed options, where its output goes, the party's clients (made when first
/// needed, so that a command that calls nothing needs no credentials), and the one place where what went
/// wrong becomes an exit code.
/// </summary>
public sealed class Invocation : IDisposable
{
    private readonly CallerOptions _caller;
    private MediationConnection? _connection;

    private Invocation(ParseResult parse, CallerOptions caller)
    {
        Parse = parse;
        _caller = caller;
        Json = parse.GetValue(caller.Json);
    }

    public ParseResult Parse { get; }

    /// <summary>--json: standard output carries one JSON document for a script.</summary>
    public bool Json { get; }

    public TextWriter Out { get; } = Console.Out;
    public TextWriter Error { get; } = Console.Error;

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    private MediationConnection Connection => _connection ??= _caller.Connect(Parse);

    /// <summary>
    /// The party named by --party (MEDIATION_PARTY): what its signatures name. The service knows the caller from
    /// its credentials alone, so a call that signs nothing does not need it.
    /// </summary>
    private string Party(bool required)
    {
        var party = _caller.Value(Parse, _caller.Party);
        if (!string.IsNullOrWhiteSpace(party))
            return Names.Party(party);
        if (required)
            throw new UsageException("the party you act for is required to sign: --party or MEDIATION_PARTY (e.g. holder-1)");
        return "parties/unnamed";
    }

    public RequestingPartyClient Requesting() => new(Connection, Party(false));

    public HoldingPartyClient Holding() => new(Connection, Party(false));

    public MediatorClient Mediator() => new(Connection, Party(false));

    /// <summary>
    /// For the calls every party in a case shares (reading cases, checks and chains, attesting, incidents): they
    /// are the same on each party's client, and the service decides from the credentials what the caller may do.
    /// </summary>
    public CasePartyClient CaseParty(CustodyKey? key = null) => new MediatorClient(Connection, Party(key is not null), key);

    /// <summary>A message of the API: as protobuf JSON with --json, else as <paramref name="human"/> writes it.</summary>
    public void Show(IMessage message, Action<TextWriter> human)
    {
        if (Json)
            Output.Json.Write(Out, message);
        else
            human(Out);
    }

    public void Show(JsonNode json, Action<TextWriter> human)
    {
        if (Json)
            Output.Json.Write(Out, json);
        else
            human(Out);
    }

    public void Dispose() => _connection?.Dispose();

    /// <summary>Runs <paramref name="body"/> and turns how it ended into the exit code <see cref="ExitCode"/> lists.</summary>
    public static void Bind(Command command, CallerOptions caller, Func<Invocation, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            using var run = new Invocation(parse, caller);
            try
            {
                return await body(run, ct);
            }
            catch (UsageException e)
            {
                run.Error.WriteLine($"mediation: {e.Message} (see mediation --help)");
                return ExitCode.Usage;
            }
            catch (InvalidInputException e)
            {
                run.Error.WriteLine($"mediation: {e.Message}");
                return ExitCode.InvalidInput;
            }
            catch (MediationRefusal e)
            {
                return run.Refused(e);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                run.Error.WriteLine("mediation: interrupted");
                return ExitCode.Interrupted;
            }
            catch (IOException e)
            {
                run.Error.WriteLine($"mediation: {e.Message}");
                return ExitCode.InvalidInput;
            }
        });

    /// <summary>The status as the protos name it (FAILED_PRECONDITION), its message, and each decoded detail on a line of its own.</summary>
    public static string Describe(MediationRefusal refusal)
    {
        var lines = new List<string> { $"{Names.Of(refusal.Code)}: {refusal.Message}" };
        lines.AddRange(refusal.FieldViolations.Select(v => $"  {v.Field}: {v.Description}"));
        lines.AddRange(refusal.PreconditionViolations.Select(v => $"  {v.Type} {v.Subject}: {v.Description}"));
        lines.AddRange(refusal.QuotaViolations.Select(v => $"  {v.Subject}: {v.Description}"));
        if (refusal.RetryDelay is { } delay)
            lines.Add($"  retry after {delay.TotalSeconds:0.#} s");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The refusal's status and details on the error stream (and as JSON with --json); exit 4, or 5 when the service was not there.</summary>
    public int Refused(MediationRefusal refusal)
    {
        var unavailable = refusal.Code is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
        if (Json)
        {
            var json = new JsonObject
            {
                ["code"] = Names.Of(refusal.Code),
                ["message"] = refusal.Message,
                ["attempts"] = refusal.Attempts,
            };
            if (refusal.Details is { } details)
                json["details"] = Output.Json.Of(details);
            Output.Json.Write(Out, new JsonObject { ["error"] = json });
        }
        Error.WriteLine((unavailable ? "mediation: the service is unavailable: " : "mediation: refused: ") + Describe(refusal));
        if (unavailable && refusal.Attempts > 1)
            Error.WriteLine($"  (after {refusal.Attempts} attempts)");
        return unavailable ? ExitCode.Unavailable : ExitCode.Refused;
    }
}
