namespace Mediation.Requests.Domain;

/// <summary>Where a case stands across every service; the registry keeps it from each service's events.</summary>
public enum CaseStage
{
    Submitted = 1,
    Accepted = 2,
    Rejected = 3,
    Duplicate = 4,
    Forwarded = 5,
    Located = 6,
    NotLocated = 7,
    InVerification = 8,
    Verified = 9,
    VerificationFailed = 10,
    InHandover = 11,
    Reunited = 12,
    Closed = 13,
    Withdrawn = 14,
}
