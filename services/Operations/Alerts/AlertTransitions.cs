namespace Mediation.Operations.Alerts;

/// <summary>
/// How a rule's status moves for one subject, every state × input a row: OK → PENDING while the condition holds for
/// less than ForSeconds → FIRING → OK once it no longer holds. A rule with ForSeconds 0 goes from OK straight to FIRING.
/// Only the moves into FIRING and out of it are history; PENDING that ends before it fires is noise an operator
/// does not need.
/// </summary>
public static class AlertTransitions
{
    private static readonly Dictionary<(AlertStatus From, AlertInput Input), (AlertStatus To, AlertHistory History)> Table = new()
    {
        [(AlertStatus.Ok, AlertInput.Normal)] = (AlertStatus.Ok, AlertHistory.None),
        [(AlertStatus.Ok, AlertInput.Breached)] = (AlertStatus.Pending, AlertHistory.None),
        [(AlertStatus.Ok, AlertInput.BreachedLongEnough)] = (AlertStatus.Firing, AlertHistory.Fired),
        [(AlertStatus.Pending, AlertInput.Normal)] = (AlertStatus.Ok, AlertHistory.None),
        [(AlertStatus.Pending, AlertInput.Breached)] = (AlertStatus.Pending, AlertHistory.None),
        [(AlertStatus.Pending, AlertInput.BreachedLongEnough)] = (AlertStatus.Firing, AlertHistory.Fired),
        [(AlertStatus.Firing, AlertInput.Normal)] = (AlertStatus.Ok, AlertHistory.Cleared),
        // A ForSeconds raised while firing does not un-fire it: the episode goes on until the condition ends.
        [(AlertStatus.Firing, AlertInput.Breached)] = (AlertStatus.Firing, AlertHistory.None),
        [(AlertStatus.Firing, AlertInput.BreachedLongEnough)] = (AlertStatus.Firing, AlertHistory.None),
    };

    public static (AlertStatus To, AlertHistory History) Next(AlertStatus from, AlertInput input) => Table[(from, input)];

    /// <summary>What an evaluation at <paramref name="now"/> saw, given since when the condition has held (null: it did not).</summary>
    public static AlertInput Input(bool breached, DateTime? breachedSince, double forSeconds, DateTime now) =>
        !breached ? AlertInput.Normal
        : now - (breachedSince ?? now) >= TimeSpan.FromSeconds(forSeconds) ? AlertInput.BreachedLongEnough
        : AlertInput.Breached;
}
