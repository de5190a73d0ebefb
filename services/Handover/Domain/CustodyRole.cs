namespace Mediation.Handover.Domain;

public enum CustodyRole
{
    Giver = 1,
    Receiver = 2,
}
