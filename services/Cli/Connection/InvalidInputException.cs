namespace Mediation.Cli.Connection;

/// <summary>A value or file given is invalid, found before anything was sent: exit code 3.</summary>
public sealed class InvalidInputException(string message) : Exception(message);
