using System.Diagnostics;
using Mediation.BuildingBlocks.Api;
using Mediation.Contracts;
using Mediation.Host;
using Mediation.Requests.Domain;
using Mediation.Requests.Matching;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Bench;

/// <summary>
/// Open cases written straight into the embedded host's requests database (its data directory), while no host runs
/// on it, through the requests service's own model: each child's personal fields encrypted and its birth date's blind
/// index made by the service's own SaveChanges, its birth date's bucket moved on as intake moves it, a CaseSubmitted on
/// its timeline, and the event in the outbox, already marked sent (the host would otherwise publish them all at its
/// start: the other services' databases are not seeded). Each request carries 1 to 11 children, as intake does,
/// alternately from the demo's two requesting parties. Not done: the match search of each child (among made-up names
/// it finds no candidate, and it cost half the time), the idempotency records and audit entries of the calls that
/// would have made them, which are read by key only.
/// The children are made up: names composed from syllables (9,000 family names, 400 given names), aged 0 to 17 with
/// birth dates spread evenly over those years, last seen in one of a dozen regions.
/// </summary>
public static class SeededCases
{
    public sealed record Outcome(int Cases, double Seconds, long OpenCases);

    private static readonly string[] Parties = ["requester-1", "requester-2"];
    private static readonly string[] GivenStarts = ["Ol", "Myk", "Sof", "Ar", "Den", "Yul", "Bo", "Kat", "An", "Vla", "Mar", "Ir", "Tar", "Zor", "Lev", "Dar", "Ni", "Ro", "Ste", "Ve"];
    private static readonly string[] GivenEnds = ["ena", "ola", "iia", "tem", "ys", "ana", "dan", "eryna", "drii", "dyslav", "yna", "ko", "as", "ian", "ko", "ia", "ta", "man", "pan", "ra"];
    private static readonly string[] FamilyParts = ["Ko", "Hry", "Bon", "Mel", "Sav", "Tka", "She", "Ly", "Mo", "Ru", "Boi", "Pa", "Kra", "Zha", "Dub", "Lo", "Ste", "Vo", "Kuz", "Ma", "Pe", "Tro", "Hu", "Cher", "Ya", "Ste", "Fe", "Os", "Ba", "Zi"];
    private static readonly string[] FamilyMiddles = ["val", "tsen", "dar", "ny", "chen", "len", "vchen", "sen", "roz", "den", "ko", "lian", "mar", "bro", "vyn", "hor", "ra", "tel", "nyk", "shk"];
    private static readonly string[] FamilyEnds = ["chuk", "ko", "enko", "nyk", "uk", "ak", "iv", "ych", "ovych", "ska", "yi", "ets", "ar", "an", "ii"];
    private static readonly string[] Regions = ["Southern Region", "Northern Region", "Eastern Region", "Western Region", "Central Region", "Coastal Region",
        "Lake District", "Hill Country", "River Valley", "Capital District", "Steppe Region", "Forest Region"];
    private static readonly string[] Settlements = ["Riverside", "Oakfield", "Stone Bridge", "Millbrook", "Greenhill", "Ashford", "Lindenau", "Marshton"];

    /// <summary>
    /// Adds <paramref name="cases"/> open cases to the requests database under <paramref name="dataDirectory"/>, <paramref name="perCommit"/>
    /// at a time, from <paramref name="workers"/> workers: one builds its next commit while another's is written (the file has one writer).
    /// </summary>
    public static async Task<Outcome> Into(string dataDirectory, int cases, int perCommit, int workers, int seed, TextWriter progress)
    {
        // The host's own settings, keys and model, never started: nothing listens (the addresses are never bound) and nothing is consumed.
        await using var app = MediationHost.Build(["--Mediation:DataDirectory", dataDirectory, "--urls", "http://127.0.0.1:1", "--Mediation:WebUrl", "http://127.0.0.1:2"]);
        var clock = Stopwatch.StartNew();
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var written = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + worker);
            var share = cases / workers + (worker < cases % workers ? 1 : 0);
            var request = worker;
            for (var done = 0; done < share;)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();
                // Only additions and the buckets' versions change: detected once before the commit rather than at every Add.
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var bornOn = new Dictionary<string, int>();
                var inThisCommit = 0;
                while (inThisCommit < perCommit && done + inThisCommit < share)
                {
                    var now = DateTime.UtcNow;
                    var party = Parties[request++ % Parties.Length];
                    var submission = new TracingRequest { Id = ResourceName.NewId(), RequestingPartyId = party, CreatedAt = now };
                    db.TracingRequests.Add(submission);
                    var children = Math.Min(random.Next(1, 12), share - done - inThisCommit);
                    for (var i = 0; i < children; i++)
                    {
                        var c = NewCase(submission, random, now, worker, workers);
                        c.Record(nameof(CaseSubmitted), StageProjection.Registry, party, "seed", now, c.Version, "submitted");
                        db.Cases.Add(c);
                        db.Outbox.Add(SentEvent(new CaseSubmitted(c.Id, submission.Id, party, now, party, "seed", c.Version), now));
                        var index = db.BlindIndexOf<Child>(nameof(Child.BirthDate), c.Child.BirthDate);
                        bornOn[index] = bornOn.GetValueOrDefault(index) + 1;
                        inThisCommit++;
                    }
                }
                // Each date's bucket moved on once per child born on it, as intake moves it. Each worker has dates of its
                // own (NewCase), so no two add the same bucket.
                var indexes = bornOn.Keys.ToList();
                var buckets = await db.BirthDateBuckets.Where(b => indexes.Contains(b.BirthDateIndex)).ToDictionaryAsync(b => b.BirthDateIndex);
                foreach (var (index, born) in bornOn)
                {
                    if (buckets.TryGetValue(index, out var bucket))
                        bucket.Version += born;
                    else
                        db.BirthDateBuckets.Add(new BirthDateBucket { BirthDateIndex = index, Version = born });
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
                done += inThisCommit;
                var total = Interlocked.Add(ref written, inThisCommit);
                if (total % 10_000 < inThisCommit)
                    progress.WriteLine($"seeded {total} of {cases} cases in {clock.Elapsed.TotalSeconds:F1} s");
            }
        })));
        long open;
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();
            open = await db.Cases.LongCountAsync(c => !CaseTransitions.Final.Contains(c.Stage));
        }
        return new Outcome(written, clock.Elapsed.TotalSeconds, open);
    }

    private static Mediation.BuildingBlocks.Persistence.OutboxMessage SentEvent(CaseSubmitted e, DateTime now)
    {
        var message = Mediation.BuildingBlocks.Persistence.OutboxMessage.For(e, now);
        message.SentAt = now;
        return message;
    }

    private static Case NewCase(TracingRequest submission, Random random, DateTime now, int worker, int workers)
    {
        var today = DateOnly.FromDateTime(now);
        // Aged 0 to 17: any day of those 18 years, evenly; of the days a whole number of worker counts back, this worker's.
        var daysBack = random.Next(0, (18 * 365 + 4) / workers) * workers + worker;
        var born = today.AddDays(-daysBack);
        var family = Pick(random, FamilyParts) + Pick(random, FamilyMiddles) + Pick(random, FamilyEnds);
        var region = Pick(random, Regions);
        return new Case
        {
            Id = ResourceName.NewId(),
            TracingRequestId = submission.Id,
            RequestingPartyId = submission.RequestingPartyId,
            Child = new Child
            {
                GivenName = Pick(random, GivenStarts) + Pick(random, GivenEnds),
                FamilyName = family,
                BirthDate = born,
                LastKnownPlace = new Place { Region = region, Settlement = Pick(random, Settlements), Institution = $"Children's Home No. {random.Next(1, 40)}" },
                SpecialNeeds = random.Next(10) == 0 ? "needs daily medication" : "",
            },
            Claimants =
            [
                new Claimant
                {
                    GivenName = Pick(random, GivenStarts) + Pick(random, GivenEnds),
                    FamilyName = family,
                    Relationship = random.Next(3) == 0 ? Relationship.Aunt : Relationship.Mother,
                    HoldsCustody = true,
                    Phone = $"+000 55 {random.Next(100, 999)} {random.Next(100, 999)}",
                    Address = $"{random.Next(1, 200)} Orchard Lane, {Pick(random, Settlements)}",
                },
            ],
            TraceConsent = new ConsentRecord { Given = true, GivenBy = "claimant", GivenAt = now.AddDays(-1) },
            ShareConsent = new ConsentRecord { Given = true, GivenBy = "claimant", GivenAt = now.AddDays(-1) },
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];
}
