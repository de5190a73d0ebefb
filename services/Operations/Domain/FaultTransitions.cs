namespace Mediation.Operations.Domain;

/// <summary>
/// What an operator may do with a faulted message, one row each. A retried message that fails again
/// comes back as a new fault, so a fault is acted on once.
/// </summary>
public static class FaultTransitions
{
    private static readonly Dictionary<(FaultState From, FaultAction Action), FaultState> Table = new()
    {
        [(FaultState.Open, FaultAction.Retry)] = FaultState.Retried,
        [(FaultState.Open, FaultAction.Discard)] = FaultState.Discarded,
    };

    /// <summary>
    /// The states in which a fault takes the "already applied" mark (<see cref="FaultedMessage.MarkApplied"/>):
    /// only while it waits for an operator. The mark changes no state, so it is no row of the table above.
    /// </summary>
    private static readonly HashSet<FaultState> Markable = [FaultState.Open];

    public static FaultState? Next(FaultState from, FaultAction action) =>
        Table.TryGetValue((from, action), out var to) ? to : null;

    public static bool TakesAppliedMark(FaultState state) => Markable.Contains(state);
}
