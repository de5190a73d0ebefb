namespace Mediation.Requests.Domain;

public enum Relationship
{
    Mother = 1,
    Father = 2,
    Grandparent = 3,
    Sibling = 4,
    Aunt = 5,
    Uncle = 6,
    OtherRelative = 7,
    LegalGuardian = 8,
}
