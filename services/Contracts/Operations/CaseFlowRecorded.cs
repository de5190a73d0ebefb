namespace Mediation.Contracts;

/// <summary>
/// A batch of case-flow steps one process took (calls, publishes, consumptions), shipped to operations every second
/// or so instead of a write per step. <paramref name="DroppedSinceLast"/>: steps this process had to drop since its
/// previous batch because the bus was out of reach for long (its buffer is bounded), so a gap in a flow is explained.
/// </summary>
public record CaseFlowRecorded(string Instance, CaseFlowStep[] Steps, long DroppedSinceLast, DateTime SentAt)
{
    /// <summary>The most steps one batch carries.</summary>
    public const int MaxSteps = 200;
}
