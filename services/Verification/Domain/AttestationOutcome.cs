namespace Mediation.Verification.Domain;

public enum AttestationOutcome
{
    Passed = 1,
    Failed = 2,
    MoreInfoNeeded = 3,
}
