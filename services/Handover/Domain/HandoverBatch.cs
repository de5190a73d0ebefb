using Mediation.BuildingBlocks.Parties;

namespace Mediation.Handover.Domain;

public enum BatchState
{
    Planned = 1,
    InProgress = 2,
    Completed = 3,
}

/// <summary>Children moving together through one venue along the same legs; each child's custody is tracked apart.</summary>
public sealed class HandoverBatch : IPartyScoped
{
    public required string Id { get; set; }
    public required string RequestingPartyId { get; set; }
    public required string? HoldingPartyId { get; set; }
    public required Place Venue { get; set; }
    public DateTime ScheduledAt { get; set; }
    public List<CustodyLeg> Legs { get; set; } = [];
    public BatchState State { get; set; } = BatchState.Planned;
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public CustodyLeg Leg(int number) => Legs.Single(l => l.Number == number);
}
