namespace Mediation.Handover.Domain;

/// <summary>
/// When follow-up visits are due after a reunion (configuration <c>Handover:FollowUpDays</c>,
/// default 30 and 90 days). A case closes after the last one.
/// </summary>
public sealed class FollowUpPolicy(IReadOnlyList<int> daysAfterReunion)
{
    public IReadOnlyList<int> DaysAfterReunion { get; } = daysAfterReunion;

    public int RequiredVisits => DaysAfterReunion.Count;
}
