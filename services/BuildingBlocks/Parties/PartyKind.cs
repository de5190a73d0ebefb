namespace Mediation.BuildingBlocks.Parties;

public enum PartyKind
{
    Requesting = 1,
    Holding = 2,
    Mediator = 3,
    Observer = 4,
}
