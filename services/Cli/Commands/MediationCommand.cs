using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Mediation.Cli.Connection;

namespace Mediation.Cli.Commands;

/// <summary>The whole command tree of <c>mediation</c>, with the exit codes at the end of every --help.</summary>
public static class MediationCommand
{
    public static RootCommand Create()
    {
        var caller = new CallerOptions();
        var root = new RootCommand("""
            The mediation command line, for a party's officer or integrator: submit lists of children, follow
            cases, attest checks, acknowledge custody with your party's key, verify receipts and audit logs.
            Set MEDIATION_ADDRESS, MEDIATION_API_KEY (or a client certificate), MEDIATION_PARTY and
            MEDIATION_OFFICER once; add --json to any command for output a script reads.
            """);
        foreach (var option in caller.All)
            root.Add(option);
        var submit = SubmitCommand.Create(caller);
        root.Add(submit);
        root.Add(CasesCommand.Create(caller));
        root.Add(ChecksCommand.Create(caller));
        root.Add(BatchesCommand.Create(caller));
        root.Add(CustodyCommand.Create(caller));
        root.Add(ReceiptCommand.Create(caller));
        root.Add(AuditCommand.Create(caller));
        foreach (var help in root.Options.OfType<HelpOption>())
            help.Action = new HelpWithExitCodes((SynchronousCommandLineAction)help.Action!, submit);
        return root;
    }

    private sealed class HelpWithExitCodes(SynchronousCommandLineAction help, Command submit) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = help.Invoke(parseResult);
            // The list's columns are submit's own help, too long for the line it has among the other commands.
            if (parseResult.CommandResult.Command == submit)
                parseResult.InvocationConfiguration.Output.WriteLine(ChildLists.ChildListColumns.Help);
            parseResult.InvocationConfiguration.Output.WriteLine(ExitCode.Help);
            return code;
        }
    }
}
