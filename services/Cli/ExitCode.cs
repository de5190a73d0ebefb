namespace Mediation.Cli;

/// <summary>
/// What the process's exit code says happened, so that a script can tell a mistake in its own input from a
/// refusal by the service and from a service it could not reach. Listed in --help and docs/cli.md.
/// </summary>
public static class ExitCode
{
    public const int Ok = 0;
    /// <summary>Something the command line did not foresee; the message says what.</summary>
    public const int Failed = 1;
    /// <summary>The command line itself is wrong: an unknown command or option, a missing argument or setting.</summary>
    public const int Usage = 2;
    /// <summary>A file or value given is invalid (every problem is listed); nothing was sent.</summary>
    public const int InvalidInput = 3;
    /// <summary>The service refused a call; its gRPC status and details are printed.</summary>
    public const int Refused = 4;
    /// <summary>The service could not be reached or did not answer in time, even after retries.</summary>
    public const int Unavailable = 5;
    /// <summary>A receipt or an audit log was checked and does not hold.</summary>
    public const int NotVerified = 6;
    /// <summary>Stopped by Ctrl+C.</summary>
    public const int Interrupted = 130;

    public const string Help = """

        Exit codes:
          0  ok
          1  failed for a reason not listed here (the message says why)
          2  usage: unknown command or option, missing argument, address or credentials
          3  invalid input: every problem in the file or value is listed by row and column; nothing was sent
          4  refused by the service: its status (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, PERMISSION_DENIED, ...) and details are printed
          5  unavailable: the service could not be reached or did not answer in time, even after retries
          6  not verified: a receipt or an audit log does not hold (what breaks it is printed)
          130 interrupted (Ctrl+C)
        """;
}
