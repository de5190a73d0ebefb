using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Operations.Domain;

/// <summary>The latest custody transfer handover reported for a child, by its sequence: the leg, its batch and its receiver.</summary>
public sealed class CustodyTransfer
{
    public string? BatchId { get; set; }
    public int Leg { get; set; }
    /// <summary><c>parties/{id}</c> or <c>claimant</c>; null until a transfer is known.</summary>
    public string? To { get; set; }
    public EventPosition Position { get; set; }

    /// <summary>Takes the transfer if it came later in handover's order than the one held; true if it did.</summary>
    public bool Take(string batchId, int leg, string to, EventPosition at)
    {
        if (To is not null && at <= Position)
            return false;
        (BatchId, Leg, To, Position) = (batchId, leg, to, at);
        return true;
    }
}
