namespace Mediation.Operations.Domain;

public enum FaultState
{
    /// <summary>Failed every retry; waits for an operator.</summary>
    Open = 1,
    /// <summary>Sent again to the queue it failed on.</summary>
    Retried = 2,
    /// <summary>Put aside by an operator, with a reason.</summary>
    Discarded = 3,
}

public enum FaultAction
{
    Retry = 1,
    Discard = 2,
}
