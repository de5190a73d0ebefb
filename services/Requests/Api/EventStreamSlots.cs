using System.Collections.Concurrent;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;

namespace Mediation.Requests.Api;

/// <summary>
/// How many WatchCaseEvents streams each party may hold open at once in this process
/// (<c>Requests:MaxStreamsPerParty</c>). The rate limit counts calls as they start; a stream then lasts
/// for hours, so without this one party could hold thousands open. A stream gives its slot back as it ends.
/// </summary>
public sealed class EventStreamSlots(int perParty)
{
    public const int DefaultPerParty = 16;

    private readonly ConcurrentDictionary<string, int> _held = new();

    public int PerParty { get; } = perParty;

    /// <summary>A slot for one more stream of <paramref name="party"/>, or RESOURCE_EXHAUSTED when it holds all of its own.</summary>
    public IDisposable Take(Party party)
    {
        while (true)
        {
            var held = _held.GetOrAdd(party.Id, 0);
            if (held >= PerParty)
                throw new OverLimit($"{party.ResourceName} already holds {PerParty} event streams, its most at once; end one (or resume from its cursor on one) before opening another.");
            if (_held.TryUpdate(party.Id, held + 1, held))
                return new Slot(this, party.Id);
        }
    }

    private void Release(string partyId) => _held.AddOrUpdate(partyId, 0, (_, held) => held - 1);

    private sealed class Slot(EventStreamSlots slots, string partyId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release(partyId);
        }
    }
}
