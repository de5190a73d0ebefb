namespace Mediation.Verification.Domain;

public enum ChecklistState
{
    Open = 1,
    Verified = 2,
    Failed = 3,
    /// <summary>The requesting party withdrew the case.</summary>
    Withdrawn = 4,
}
