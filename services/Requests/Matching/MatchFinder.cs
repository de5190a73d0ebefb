using Mediation.BuildingBlocks.Api;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Matching;

/// <summary>Looks, for a newly submitted child, through the open cases for the same child (<see cref="ChildMatch"/>).</summary>
public static class MatchFinder
{
    private static readonly CaseStage[] Closed = [CaseStage.Rejected, CaseStage.Duplicate, CaseStage.Withdrawn, CaseStage.Closed];

    public static async Task<List<MatchCandidate>> CandidatesFor(this RequestsDb db, Case submitted, DateTime now, CancellationToken ct)
    {
        // A candidate needs a birth date that agrees (the same, swapped, or one slip away): a handful of dates,
        // sought by their blind indexes, since the dates themselves are stored encrypted.
        // Each row's date is known from its index, so only the names and region are decrypted.
        var dates = ChildMatch.AgreeingDates(submitted.Child.BirthDate)
            .ToDictionary(d => db.BlindIndexOf<Child>(nameof(Child.BirthDate), d));
        var indexes = dates.Keys.ToList();
        await WriteBuckets(db, indexes, ct);
        var open = await db.Cases.AsNoTracking()
            .Where(c => !Closed.Contains(c.Stage) && indexes.Contains(EF.Property<string>(c.Child, RequestsDb.BirthDateIndex)))
            .Select(c => new { c.Id, c.Child.GivenName, c.Child.FamilyName, Born = EF.Property<string>(c.Child, RequestsDb.BirthDateIndex), c.Child.LastKnownPlace.Region })
            .ToListAsync(ct);
        var profile = Profile(submitted);
        var candidates = new List<MatchCandidate>();
        foreach (var c in open)
        {
            if (ChildMatch.CandidateScore(profile, new ChildMatch.Profile(c.GivenName, c.FamilyName, dates[c.Born], c.Region)) is { } score)
                candidates.Add(new MatchCandidate { Id = ResourceName.NewId(), CaseId = submitted.Id, CandidateId = c.Id, Score = score, CreatedAt = now });
        }
        return candidates;
    }

    /// <summary>Writes, in this unit of work, the bucket of every date the search reads (<see cref="BirthDateBucket"/>).</summary>
    private static async Task WriteBuckets(RequestsDb db, List<string> indexes, CancellationToken ct)
    {
        var tracked = db.BirthDateBuckets.Local.Where(b => indexes.Contains(b.BirthDateIndex)).ToList();
        var toLoad = indexes.Except(tracked.Select(b => b.BirthDateIndex)).ToList();
        if (toLoad.Count > 0)
            tracked.AddRange(await db.BirthDateBuckets.Where(b => toLoad.Contains(b.BirthDateIndex)).ToListAsync(ct));
        foreach (var bucket in tracked)
            bucket.Version++;
        foreach (var index in indexes.Except(tracked.Select(b => b.BirthDateIndex)))
            db.BirthDateBuckets.Add(new BirthDateBucket { BirthDateIndex = index, Version = 1 });
    }

    private static ChildMatch.Profile Profile(Case c) => new(c.Child.GivenName, c.Child.FamilyName, c.Child.BirthDate, c.Child.LastKnownPlace.Region);
}
