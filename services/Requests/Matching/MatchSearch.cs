using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Matching;

/// <summary>
/// The match search of one submission: for each new child, the open cases that may be the same child
/// (<see cref="ChildMatch"/>). A case keeps only its best candidates (<see cref="IntakeLimits.CandidatesPerCase"/>),
/// best first, then the earliest case: the mediator decides on the likeliest few, and a flood of look-alike
/// cases cannot make one child carry thousands of rows, nor make each new submission write more than the last.
/// </summary>
public sealed class MatchSearch(RequestsDb db, IntakeLimits limits)
{
    /// <summary>The open children born on each date already read in this submission, by the date's blind index.</summary>
    private readonly Dictionary<string, List<OpenChild>> _bornOn = [];

    /// <summary>What the search found: the candidates to keep, or the submitting party's own open case of the very same child.</summary>
    public sealed record Outcome(IReadOnlyList<MatchCandidate> Candidates, string? SameChildOpenCase);

    private sealed record OpenChild(string Id, string RequestingPartyId, DateTime CreatedAt, ChildMatch.Profile Profile);

    /// <summary>
    /// The version of every date's bucket this submission read, as first read (none: no bucket yet): what its check
    /// at commit compares.
    /// </summary>
    private readonly Dictionary<string, int?> _versions = [];

    /// <summary>The buckets this submission moves on, by date.</summary>
    private readonly Dictionary<string, BirthDateBucket> _moved = [];

    public async Task<Outcome> For(Case submitted, DateTime now, CancellationToken ct)
    {
        // A candidate needs a birth date that agrees (the same, swapped, or one slip away): a handful of dates,
        // sought by their blind indexes, since the dates themselves are stored encrypted.
        var dates = ChildMatch.AgreeingDates(submitted.Child.BirthDate)
            .ToDictionary(d => db.BlindIndexOf<Child>(nameof(Child.BirthDate), d));
        await ReadVersions(dates.Keys.ToList(), ct);
        MoveOn(db.BlindIndexOf<Child>(nameof(Child.BirthDate), submitted.Child.BirthDate));
        await Read(dates, ct);

        var profile = new ChildMatch.Profile(submitted.Child.GivenName, submitted.Child.FamilyName, submitted.Child.BirthDate, submitted.Child.LastKnownPlace.Region);
        var found = new List<(OpenChild Case, double Score)>();
        foreach (var open in dates.Keys.SelectMany(index => _bornOn[index]))
        {
            // Asking again for a child the party already has open adds nothing for the mediator but rows.
            if (open.RequestingPartyId == submitted.RequestingPartyId && ChildMatch.IsSame(profile, open.Profile))
                return new Outcome([], open.Id);
            if (ChildMatch.CandidateScore(profile, open.Profile) is { } score)
                found.Add((open, score));
        }
        var best = found
            .OrderByDescending(f => f.Score).ThenBy(f => f.Case.CreatedAt).ThenBy(f => f.Case.Id, StringComparer.Ordinal)
            .Take(limits.CandidatesPerCase)
            .Select(f => new MatchCandidate { Id = ResourceName.NewId(), CaseId = submitted.Id, CandidateId = f.Case.Id, Score = f.Score, CreatedAt = now })
            .ToList();
        return new Outcome(best, null);
    }

    /// <summary>
    /// Reads, through the birth-date index, the open cases born on the dates not yet read in this submission:
    /// a hundred children of one request born on one day read that day once, and each name is decrypted once.
    /// Each row's date is known from its index, so only the names and region are decrypted.
    /// </summary>
    private async Task Read(Dictionary<string, DateOnly> dates, CancellationToken ct)
    {
        var unread = dates.Keys.Where(index => !_bornOn.ContainsKey(index)).ToList();
        if (unread.Count == 0)
            return;
        foreach (var index in unread)
            _bornOn[index] = [];
        await foreach (var c in OpenBornOn.For(db)(db, CaseTransitions.Final, unread).WithCancellation(ct))
            _bornOn[c.Born].Add(new OpenChild(c.Id, c.RequestingPartyId, c.CreatedAt, new ChildMatch.Profile(c.GivenName, c.FamilyName, dates[c.Born], c.Region)));
    }

    private sealed record OpenRow(string Id, string RequestingPartyId, DateTime CreatedAt, string GivenName, string FamilyName, string Born, string Region);

    private static readonly CompiledQuery<Func<RequestsDb, CaseStage[], List<string>, IAsyncEnumerable<OpenRow>>> OpenBornOn = new(() =>
        EF.CompileAsyncQuery((RequestsDb db, CaseStage[] final, List<string> bornOn) => db.Cases.AsNoTracking()
            .Where(c => !final.Contains(c.Stage) && bornOn.Contains(EF.Property<string>(c.Child, RequestsDb.BirthDateIndex)))
            .Select(c => new OpenRow(c.Id, c.RequestingPartyId, c.CreatedAt, c.Child.GivenName, c.Child.FamilyName,
                EF.Property<string>(c.Child, RequestsDb.BirthDateIndex), c.Child.LastKnownPlace.Region))));

    /// <summary>
    /// Reads the buckets' versions of the dates not read yet, before the children born on them, so that a child
    /// added after the read moves a version this submission checks at commit. The first read asks for that check.
    /// </summary>
    private async Task ReadVersions(List<string> indexes, CancellationToken ct)
    {
        var unread = indexes.Where(index => !_versions.ContainsKey(index)).ToList();
        if (unread.Count == 0)
            return;
        var stored = await BirthDateBucketVersions.Read(db, unread, ct);
        var missing = unread.Where(index => !stored.ContainsKey(index)).ToList();
        if (await BirthDateBucketVersions.AddMissing(db, missing, ct))
            foreach (var (index, version) in await BirthDateBucketVersions.Read(db, missing, ct))
                stored[index] = version;
        if (_versions.Count == 0)
        {
            var postgres = db.Database.IsNpgsql();
            db.CheckAtCommit((transaction, ct) => BirthDateBucketVersions.CheckUnmoved(transaction, postgres, _versions, ct));
        }
        foreach (var index in unread)
            _versions[index] = stored.TryGetValue(index, out var version) ? version : null;
    }

    /// <summary>
    /// Moves the bucket of the child's own date on (<see cref="BirthDateBucket.Version"/>): two submissions of
    /// children born on one date conflict on it, and any submission that searched the date sees it moved at commit.
    /// Submissions that only read the same dates do not conflict. A bucket not yet there is added.
    /// </summary>
    private void MoveOn(string own)
    {
        // Not through DbSet.Local, which looks for changes in everything tracked on every call.
        if (_moved.TryGetValue(own, out var moved))
        {
            moved.Version++;
        }
        else if (_versions[own] is { } version)
        {
            var bucket = new BirthDateBucket { BirthDateIndex = own, Version = version };
            db.BirthDateBuckets.Attach(bucket);
            bucket.Version++;
            _moved[own] = bucket;
        }
        else
        {
            db.BirthDateBuckets.Add(_moved[own] = new BirthDateBucket { BirthDateIndex = own, Version = 1 });
        }
    }
}
