namespace Mediation.Handover.Domain;

public enum HandoverCaseState
{
    AwaitingBatch = 1,
    InTransfer = 2,
    Reunited = 3,
    Closed = 4,
    Withdrawn = 5,
    /// <summary>Held back by an incident with its current custodian.</summary>
    HeldBack = 6,
}
