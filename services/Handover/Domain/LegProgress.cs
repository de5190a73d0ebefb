namespace Mediation.Handover.Domain;

/// <summary>How far the leg a child is on has been acknowledged.</summary>
public enum LegProgress
{
    Open = 0,
    GiverAcknowledged = 1,
    ReceiverAcknowledged = 2,
    Done = 3,
}
