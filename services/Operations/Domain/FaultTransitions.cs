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

    public static FaultState? Next(FaultState from, FaultAction action) =>
        Table.TryGetValue((from, action), out var to) ? to : null;
}
