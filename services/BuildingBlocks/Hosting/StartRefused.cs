namespace Mediation.BuildingBlocks.Hosting;

/// <summary>A configuration a process must not run on: its program prints the message and exits with 2, without a stack trace.</summary>
public sealed class StartRefused(string message) : Exception(message)
{
    public const int ExitCode = 2;

    /// <summary>Runs <paramref name="start"/>; true (after printing why to stderr) if it refused the configuration.</summary>
    public static bool Stops(Action start)
    {
        try
        {
            start();
            return false;
        }
        catch (StartRefused refused)
        {
            Console.Error.WriteLine(refused.Message);
            return true;
        }
    }
}
