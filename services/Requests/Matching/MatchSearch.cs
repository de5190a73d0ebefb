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

    public async Task<Outcome> For(Case submitted, DateTime now, CancellationToken ct)
    {
        // A candidate needs a birth date that agrees (the same, swapped, or one slip away): a handful of dates,
        // sought by their blind indexes, since the dates themselves are stored encrypted.
        var dates = ChildMatch.AgreeingDates(submitted.Child.BirthDate)
            .ToDictionary(d => db.BlindIndexOf<Child>(nameof(Child.BirthDate), d));
        await WriteBuckets(db.BlindIndexOf<Child>(nameof(Child.BirthDate), submitted.Child.BirthDate), dates.Keys.ToList(), ct);
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

    private static readonly CompiledQuery<Func<RequestsDb, List<string>, IAsyncEnumerable<BirthDateBucket>>> Buckets = new(() =>
        EF.CompileAsyncQuery((RequestsDb db, List<string> indexes) =>
            db.BirthDateBuckets.Where(b => indexes.Contains(b.BirthDateIndex))));

    /// <summary>
    /// Makes this submission conflict with any other that could have missed it or that it could have missed: it
    /// moves the bucket of its child's own date on (<see cref="BirthDateBucket.Version"/>), and checks at commit
    /// that the buckets of the other dates it read have not moved (an update that keeps the version, so two
    /// submissions reading the same date do not conflict; only one that added a child born on it does). A bucket
    /// not yet there is added, so two submissions that find a date empty conflict on adding it.
    /// </summary>
    private async Task WriteBuckets(string own, List<string> indexes, CancellationToken ct)
    {
        var tracked = db.BirthDateBuckets.Local.Where(b => indexes.Contains(b.BirthDateIndex)).ToList();
        var toLoad = indexes.Except(tracked.Select(b => b.BirthDateIndex)).ToList();
        if (toLoad.Count > 0)
            await foreach (var bucket in Buckets.For(db)(db, toLoad).WithCancellation(ct))
                tracked.Add(bucket);
        foreach (var bucket in tracked)
        {
            if (bucket.BirthDateIndex == own)
                bucket.Version++;
            else
                db.Entry(bucket).Property(b => b.Version).IsModified = true;
        }
        foreach (var index in indexes.Except(tracked.Select(b => b.BirthDateIndex)))
            db.BirthDateBuckets.Add(new BirthDateBucket { BirthDateIndex = index, Version = 1 });
    }
}
