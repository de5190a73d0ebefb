using Mediation.Cli;
using System.CommandLine.Invocation;
using Mediation.Cli.Commands;

var parse = MediationCommand.Create().Parse(args);
if (parse.Action is ParseErrorAction)
{
    // The library's own answer to a parse error is exit code 1; ours says "usage" (2), as --help documents.
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"mediation: {error.Message}");
    Console.Error.WriteLine("See mediation --help.");
    return ExitCode.Usage;
}
return await parse.InvokeAsync();
