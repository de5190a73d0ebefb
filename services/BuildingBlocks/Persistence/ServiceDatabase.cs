namespace Mediation.BuildingBlocks.Persistence;

/// <summary>A database this process owns, by its name and context type: for commands that go over each one (<c>reencrypt</c>).</summary>
public sealed record ServiceDatabase(string Name, Type Context);
