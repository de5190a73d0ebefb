namespace Mediation.Operations.Domain;

/// <summary>
/// What the operators may know of a case, kept from the bus: ids, parties, the stage, the child's age
/// in years and where its handover stands. Never a name, a date of birth or a place.
/// </summary>
public sealed class TrackedCase
{
    public required string CaseId { get; init; }
    public string Stage { get; set; } = CaseStages.Unknown;
    /// <summary>When the event that set <see cref="Stage"/> happened: a later event decides, a final stage stays.</summary>
    public DateTime StageAt { get; set; }
    public string? RequestingPartyId { get; set; }
    public string? HoldingPartyId { get; set; }
    public int? ChildAgeYears { get; set; }
    public string? BatchId { get; set; }
    /// <summary>The last custody leg both sides acknowledged (0: none yet).</summary>
    public int LegsDone { get; set; }
    /// <summary><c>parties/{id}</c> or <c>claimant</c>; the holding party until the first leg is done.</summary>
    public string? Custodian { get; set; }
    public bool HeldBack { get; set; }
    public DateTime UpdatedAt { get; set; }

    public void MoveTo(string stage, DateTime occurredAt)
    {
        if (CaseStages.IsFinal(Stage) || occurredAt < StageAt)
            return;
        Stage = stage;
        StageAt = occurredAt;
    }
}
