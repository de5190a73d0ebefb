namespace Mediation.BuildingBlocks.Parties;

/// <summary>Something that belongs to one requesting party and, once forwarded, to one holding party.</summary>
public interface IPartyScoped
{
    string RequestingPartyId { get; }
    string? HoldingPartyId { get; }
}

/// <summary>
/// Which case-bound records a party may see (docs/DESIGN.md §2): the mediator all, a requesting or holding party
/// its own, an observer none. Each service's query layer filters every read through this.
/// </summary>
public static class PartyScope
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> records, Caller caller) where T : class, IPartyScoped
    {
        var id = caller.Party.Id;
        return caller.Kind switch
        {
            PartyKind.Mediator => records,
            PartyKind.Requesting => records.Where(r => r.RequestingPartyId == id),
            PartyKind.Holding => records.Where(r => r.HoldingPartyId == id),
            _ => records.Where(r => false),
        };
    }
}
