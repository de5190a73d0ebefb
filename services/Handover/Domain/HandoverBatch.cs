using Mediation.BuildingBlocks.Parties;

namespace Mediation.Handover.Domain;

public enum BatchState
{
    Planned = 1,
    InProgress = 2,
    Completed = 3,
}

/// <summary>
/// Children moving together through one venue along the same legs; each child's custody is tracked apart.
/// The batch's state is worked out from its children whenever it is read (<see cref="StateOf"/>), never
/// stored: children's last acknowledgements arriving at once each change only their own child, so no
/// two writers can leave a stale state behind.
/// </summary>
public sealed class HandoverBatch : IPartyScoped
{
    public required string Id { get; set; }
    public required string RequestingPartyId { get; set; }
    public required string? HoldingPartyId { get; set; }
    public required Place Venue { get; set; }
    public DateTime ScheduledAt { get; set; }
    public List<CustodyLeg> Legs { get; set; } = [];
    public DateTime CreatedAt { get; set; }

    public CustodyLeg Leg(int number) => Legs.Single(l => l.Number == number);

    /// <summary>
    /// PLANNED until any side has acknowledged any leg for any child; COMPLETED once no child is in transfer
    /// (each reunited, or held back with its custodian); IN_PROGRESS in between.
    /// </summary>
    public static BatchState StateOf(IReadOnlyCollection<HandoverCase> children)
    {
        if (children.All(c => c.State == HandoverCaseState.InTransfer && c.LegsCompleted == 0 && c.CurrentLeg == LegProgress.Open))
            return BatchState.Planned;
        return children.Any(c => c.State == HandoverCaseState.InTransfer) ? BatchState.InProgress : BatchState.Completed;
    }
}
