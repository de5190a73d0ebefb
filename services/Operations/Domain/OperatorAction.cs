namespace Mediation.Operations.Domain;

/// <summary>The audit of what operators did to faults: who, what, when and why. Rows are only ever added.</summary>
public sealed class OperatorAction
{
    public long Id { get; set; }
    public DateTime At { get; init; }
    public required string Operator { get; init; }
    public FaultAction Action { get; init; }
    public Guid FaultId { get; init; }
    public string? Reason { get; init; }
}
