namespace Mediation.Operations.Alerts;

/// <summary>A rule's condition for one subject at one evaluation: the figure it compares, and whether it holds.</summary>
public sealed record AlertReading(string Subject, double Value, bool Breached);
