namespace Mediation.Requests.Domain;

/// <summary>A relative or guardian who claims the child. Contact details are for the requesting side and the mediator only.</summary>
public sealed class Claimant
{
    public int Id { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public Relationship Relationship { get; set; }
    public bool HoldsCustody { get; set; }
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string Address { get; set; } = "";

    public bool IsParent => Relationship is Relationship.Mother or Relationship.Father;
}
