namespace Mediation.Cli.Connection;

/// <summary>The command line lacks something it needs (an address, credentials, an officer): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
