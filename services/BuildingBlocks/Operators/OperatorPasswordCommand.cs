namespace Mediation.BuildingBlocks.Operators;

/// <summary>
/// <c>hash-password</c>: reads an operator's password from stdin (one line, so that it stays out of the shell's
/// history and the process list) and prints the <c>PasswordHash</c> to put in the parties file.
/// </summary>
public static class OperatorPasswordCommand
{
    public const string Name = "hash-password";
    private const int MinLength = 12;

    public static bool Requested(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            error.WriteLine($"hash-password: give the password on stdin, one line of at least {MinLength} characters (e.g. a passphrase).");
            return 2;
        }
        output.WriteLine(OperatorPasswordHash.Create(password));
        return 0;
    }
}
