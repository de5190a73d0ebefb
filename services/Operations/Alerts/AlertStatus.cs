namespace Mediation.Operations.Alerts;

/// <summary>Where a rule stands for one subject. <see cref="AlertTransitions"/> says how it moves.</summary>
public enum AlertStatus
{
    Ok = 0,
    /// <summary>The condition holds, for less than the rule's ForSeconds so far.</summary>
    Pending = 1,
    Firing = 2,
}

/// <summary>What one evaluation saw of a rule's condition for one subject.</summary>
public enum AlertInput
{
    /// <summary>The condition does not hold.</summary>
    Normal = 0,
    /// <summary>It holds, for less than ForSeconds since it began to.</summary>
    Breached = 1,
    /// <summary>It holds, and has for ForSeconds or more.</summary>
    BreachedLongEnough = 2,
}

/// <summary>What a transition adds to the history (<see cref="Domain.AlertEvent"/>).</summary>
public enum AlertHistory
{
    None = 0,
    /// <summary>An episode begins: a row with its FiredAt.</summary>
    Fired = 1,
    /// <summary>The open episode ends: its ClearedAt is set.</summary>
    Cleared = 2,
}
