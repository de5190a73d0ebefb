using Microsoft.Extensions.Configuration;

namespace Mediation.BuildingBlocks.Operators;

/// <summary>
/// Failed sign-ins counted per operator name and per client address: past <c>Operations:SignIn:FailuresPerOperator</c>
/// (5) for a name or <c>Operations:SignIn:FailuresPerAddress</c> (20) from an address, that name or address is locked
/// out for <c>Operations:SignIn:LockoutSeconds</c> (900) — the right password included, so that guessing cannot go
/// on at any pace. A tally is forgotten once it has seen no failure for a lockout's length; a successful sign-in
/// clears its name's tally.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, int failuresPerOperator, int failuresPerAddress, TimeSpan lockout)
{
    // Names and addresses an attacker chooses: kept bounded, the stale ones dropped when there are too many.
    private const int MaxTallies = 10_000;
    private const int MaxNameLength = 100;

    private sealed class Tally
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;
    }

    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public static SignInThrottle FromConfiguration(IConfiguration configuration, TimeProvider clock)
    {
        var section = configuration.GetSection("Operations:SignIn");
        int Positive(string key, int fallback) => section.GetValue(key, fallback) is var v && v > 0 ? v
            : throw new InvalidOperationException($"Operations:SignIn:{key} must be a positive number.");
        return new SignInThrottle(clock, Positive("FailuresPerOperator", 5), Positive("FailuresPerAddress", 20),
            TimeSpan.FromSeconds(Positive("LockoutSeconds", 900)));
    }

    /// <summary>Until when <paramref name="name"/> or <paramref name="address"/> is locked out, or null if neither is.</summary>
    public DateTimeOffset? LockedUntil(string name, string address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var until = new[] { Find(NameKey(name)), Find(AddressKey(address)) }.Max(t => t?.LockedUntil ?? DateTimeOffset.MinValue);
            return until > now ? until : null;
        }
    }

    /// <summary>Counts a wrong password; true when this failure starts a lockout (of the name or the address).</summary>
    public bool Failed(string name, string address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_tallies.Count >= MaxTallies)
                foreach (var stale in _tallies.Where(t => IsStale(t.Value, now)).Select(t => t.Key).ToList())
                    _tallies.Remove(stale);
            var byName = Count(NameKey(name), failuresPerOperator, now);
            var byAddress = Count(AddressKey(address), failuresPerAddress, now);
            return byName || byAddress;
        }
    }

    public void Succeeded(string name)
    {
        lock (_lock)
            _tallies.Remove(NameKey(name));
    }

    private bool Count(string key, int limit, DateTimeOffset now)
    {
        if (!_tallies.TryGetValue(key, out var tally) || IsStale(tally, now))
            _tallies[key] = tally = new Tally();
        tally.Failures++;
        tally.LastFailure = now;
        if (tally.Failures < limit || tally.LockedUntil > now)
            return false;
        tally.LockedUntil = now + lockout;
        tally.Failures = 0;
        return true;
    }

    private bool IsStale(Tally tally, DateTimeOffset now) => tally.LockedUntil <= now && now - tally.LastFailure >= lockout;

    private Tally? Find(string key) => _tallies.GetValueOrDefault(key);

    private static string NameKey(string name) => "operator:" + (name.Length > MaxNameLength ? name[..MaxNameLength] : name);
    private static string AddressKey(string address) => "address:" + address;
}
