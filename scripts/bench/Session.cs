using System.Reflection;

namespace Mediation.Bench;

/// <summary>
/// Runs scenario after scenario in this one process, each read from standard input as one line of its arguments
/// separated by tabs, exactly as it would be run on its own. After each, a line <c>bench.done=CODE</c> (its exit
/// code) tells the caller its figures are all out. scripts/bench.sh drives every scenario through one session:
/// a process per scenario started the runtime and jitted the client anew each time, a second or more of a quick
/// run per scenario on 2 cores. The processes measured are the services, never this one, so sharing it changes
/// no figure's meaning.
/// </summary>
public static class Session
{
    public const string Done = "bench.done=";

    public static int Run()
    {
        var scenario = Assembly.GetEntryAssembly()!.EntryPoint!;
        while (Console.In.ReadLine() is { } line)
        {
            var args = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            int code;
            try
            {
                code = args.Length == 0 || args[0] == "session" ? 2 : (int)scenario.Invoke(null, [args])!;
            }
            catch (TargetInvocationException e)
            {
                Console.Error.WriteLine($"{args[0]}: {e.InnerException}");
                code = 1;
            }
            Console.Out.Flush();
            Console.WriteLine($"{Done}{code}");
            Console.Out.Flush();
        }
        return 0;
    }
}
