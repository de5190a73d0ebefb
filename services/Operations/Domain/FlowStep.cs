using Mediation.Contracts;

namespace Mediation.Operations.Domain;

/// <summary>
/// One step of a case's flow, as a process shipped it (<see cref="CaseFlowStep"/>): stored once by its
/// <see cref="StepId"/> however often its batch arrives, read back by case, deleted after the retention.
/// </summary>
public sealed class FlowStep
{
    public required string StepId { get; init; }
    public required string Kind { get; init; }
    public required string CaseId { get; init; }
    public required string Service { get; init; }
    public required string Instance { get; init; }
    public Guid? MessageId { get; init; }
    public required string Type { get; init; }
    public string? Consumer { get; init; }
    public string? PartyId { get; init; }
    public string? Outcome { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime EndedAt { get; init; }
    public int Attempt { get; init; }
    public int Redelivery { get; init; }

    /// <summary>Clipped to the columns' lengths: a step too long for them must not fault the whole batch.</summary>
    public static FlowStep From(CaseFlowStep s) => new()
    {
        StepId = Clip(s.StepId, 200)!, Kind = Clip(s.Kind, 20)!, CaseId = Clip(s.CaseId, 100)!, Service = Clip(s.Service, 40)!,
        Instance = Clip(s.Instance, 200)!, MessageId = s.MessageId, Type = Clip(s.Type, 300)!, Consumer = Clip(s.Consumer, 200),
        PartyId = Clip(s.PartyId, 100), Outcome = Clip(s.Outcome, 40), StartedAt = s.StartedAt, EndedAt = s.EndedAt,
        Attempt = s.Attempt, Redelivery = s.Redelivery,
    };

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
