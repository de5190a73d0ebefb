namespace Mediation.Operations.Domain;

/// <summary>
/// The stages of a case as the requests service names them (<c>mediation.requests.v1.CaseStage</c>); which
/// event reports which, and how they combine, is <see cref="StageProjection"/>.
/// </summary>
public static class CaseStages
{
    public const string Unknown = "UNKNOWN";

    /// <summary>In the order a case goes through them, for the dashboard's columns.</summary>
    public static readonly IReadOnlyList<string> InOrder =
    [
        "SUBMITTED", "ACCEPTED", "FORWARDED", "LOCATED", "NOT_LOCATED", "IN_VERIFICATION", "VERIFIED",
        "VERIFICATION_FAILED", "IN_HANDOVER", "REUNITED", "CLOSED", "REJECTED", "DUPLICATE", "WITHDRAWN",
    ];

    public static bool IsFinal(string stage) => stage is "REJECTED" or "DUPLICATE" or "WITHDRAWN" or "CLOSED";
}
