using Mediation.Contracts;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Where an event stands among its producing service's events for one case: first its
/// <see cref="ICaseEvent.Sequence"/>, then when it happened. Events published before sequences existed (0)
/// come before every sequenced one, and among themselves by time. <c>default</c> comes before every event.
/// Times are kept to the microsecond, as PostgreSQL stores them, so that a position read back compares equal
/// to the event's.
/// </summary>
public readonly record struct EventPosition(int Sequence, DateTime OccurredAt) : IComparable<EventPosition>
{
    public static EventPosition Of(ICaseEvent e) => new(e.Sequence, ToMicroseconds(e.OccurredAt));

    public int CompareTo(EventPosition other) =>
        Sequence != other.Sequence ? Sequence.CompareTo(other.Sequence) : OccurredAt.CompareTo(other.OccurredAt);

    public static bool operator >(EventPosition a, EventPosition b) => a.CompareTo(b) > 0;
    public static bool operator <(EventPosition a, EventPosition b) => a.CompareTo(b) < 0;
    public static bool operator >=(EventPosition a, EventPosition b) => a.CompareTo(b) >= 0;
    public static bool operator <=(EventPosition a, EventPosition b) => a.CompareTo(b) <= 0;

    public static DateTime ToMicroseconds(DateTime time) =>
        new(time.Ticks - time.Ticks % (TimeSpan.TicksPerMillisecond / 1000), DateTimeKind.Utc);
}
