namespace Mediation.Verification.Domain;

public enum CheckState
{
    Pending = 1,
    MoreInfoNeeded = 2,
    Passed = 3,
    Failed = 4,
}
