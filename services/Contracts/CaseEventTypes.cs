namespace Mediation.Contracts;

/// <summary>
/// Every case event contract (<see cref="ICaseEvent"/>), found once: the types whose faults operations takes in,
/// and the type names an outbox counts as a case's transitions.
/// </summary>
public static class CaseEventTypes
{
    public static readonly IReadOnlyList<Type> All = typeof(ICaseEvent).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICaseEvent).IsAssignableFrom(t))
        .ToList();

    private static readonly HashSet<string> Names = All.Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="fullName"/> (e.g. <c>Mediation.Contracts.CaseLocated</c>) names a case event.</summary>
    public static bool Named(string fullName) => Names.Contains(fullName);
}
