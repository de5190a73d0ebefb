namespace Mediation.Requests.Domain;

/// <summary>
/// What a party's call can do to a case here. What the other services report moves a case through
/// <see cref="StageProjection"/>, not through this table.
/// </summary>
public enum CaseAction
{
    Accept,
    Reject,
    MarkDuplicate,
    Forward,
    ReportLocated,
    ReportNotLocated,
    Withdraw,
}
