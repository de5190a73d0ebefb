using static Mediation.Handover.Domain.CustodyRole;
using static Mediation.Handover.Domain.LegProgress;

namespace Mediation.Handover.Domain;

/// <summary>
/// A leg is done only when both its giver and its receiver have acknowledged it, in either order;
/// until then the child stays with the giver. The same side acknowledging twice is refused.
/// </summary>
public static class LegTransitions
{
    private static readonly Dictionary<(LegProgress From, CustodyRole Role), LegProgress> Table = new()
    {
        [(Open, Giver)] = GiverAcknowledged,
        [(Open, Receiver)] = ReceiverAcknowledged,
        [(GiverAcknowledged, Receiver)] = Done,
        [(ReceiverAcknowledged, Giver)] = Done,
    };

    public static LegProgress? Next(LegProgress from, CustodyRole role) =>
        Table.TryGetValue((from, role), out var to) ? to : null;
}
