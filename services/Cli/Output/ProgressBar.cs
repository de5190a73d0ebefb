namespace Mediation.Cli.Output;

/// <summary>
/// How far a long run has come, redrawn in place on the terminal's error stream. Only on a terminal: a log
/// or a pipe gets no carriage returns, and standard output stays the result alone.
/// </summary>
public sealed class ProgressBar(int total, string what)
{
    private const int Width = 30;
    private readonly bool _shown = !Console.IsErrorRedirected;

    public void Report(int done)
    {
        if (!_shown)
            return;
        var filled = total == 0 ? Width : done * Width / total;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {done}/{total} {what}");
    }

    public void Done()
    {
        if (_shown)
            Console.Error.WriteLine();
    }
}
