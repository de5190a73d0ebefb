using Mediation.BuildingBlocks.PersonalData;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Requests.Domain;
using Mediation.Requests.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mediation.Requests.Persistence;

/// <summary>The requests service's model; one subclass per database provider carries its migrations.</summary>
public abstract class RequestsDb(DbContextOptions options) : ServiceDbContext(options)
{
    /// <summary>The shadow column holding the blind index of <see cref="Child.BirthDate"/>.</summary>
    public const string BirthDateIndex = "BirthDateIndex";

    public DbSet<TracingRequest> TracingRequests => Set<TracingRequest>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<MatchCandidate> MatchCandidates => Set<MatchCandidate>();
    public DbSet<BirthDateBucket> BirthDateBuckets => Set<BirthDateBucket>();

    /// <summary>
    /// The audit log's triggers, and on PostgreSQL the timeline's numbering at commit (<see cref="TimelineCommitOrder"/>)
    /// and its notice to the live streams (<see cref="TimelineCommitNotice"/>).
    /// </summary>
    public static new void CreateTriggers(MigrationBuilder migration)
    {
        ServiceDbContext.CreateTriggers(migration);
        TimelineCommitOrder.Create(migration);
        TimelineCommitNotice.Create(migration);
    }

    public static new void DropTriggers(MigrationBuilder migration)
    {
        TimelineCommitNotice.Drop(migration);
        TimelineCommitOrder.Drop(migration);
        ServiceDbContext.DropTriggers(migration);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<TracingRequest>(e =>
        {
            e.ToTable("tracing_requests");
            e.HasKey(r => r.Id);
        });
        model.Entity<Case>(e =>
        {
            e.ToTable("cases");
            e.HasKey(c => c.Id);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.ComplexProperty(c => c.Verification, Reported);
            e.ComplexProperty(c => c.Handover, Reported);
            e.HasIndex(c => new { c.RequestingPartyId, c.Id });
            e.HasIndex(c => new { c.HoldingPartyId, c.Id });
            // A party's open cases are counted at each of its submissions (IntakeLimits): the index holds the open
            // ones only, so the count reads no closed case, however many years of them the registry keeps. The filter
            // is the very text EF writes for the query's test of CaseTransitions.Final, which SQLite needs to use it.
            e.HasIndex(c => new { c.RequestingPartyId, c.Stage })
                .HasFilter($"\"Stage\" NOT IN ({string.Join(", ", CaseTransitions.Final.Select(s => (int)s))})");
            // Children's and relatives' names, dates, places, contacts and notes are stored encrypted (docs/security.md).
            e.OwnsOne(c => c.Child, child =>
            {
                child.Property(x => x.GivenName).IsPersonal();
                child.Property(x => x.FamilyName).IsPersonal();
                // The match search asks for a handful of birth dates at every submission: by their blind indexes.
                child.Property(x => x.BirthDate).IsPersonal().HasBlindIndex(BirthDateIndex);
                child.Property(x => x.SpecialNeeds).IsPersonal();
                child.OwnsOne(x => x.LastKnownPlace, PersonalPlace);
                child.Ignore(x => x.HasSpecialNeeds);
            });
            e.OwnsOne(c => c.CurrentLocation, PersonalPlace);
            e.OwnsOne(c => c.TraceConsent, PersonalConsent);
            e.OwnsOne(c => c.ShareConsent, PersonalConsent);
            e.Property(c => c.ConsentOverrideReason).IsPersonal();
            e.Property(c => c.NotLocatedNote).IsPersonal();
            e.Property(c => c.RejectionReason).IsPersonal();
            e.OwnsMany(c => c.Claimants, claimant =>
            {
                claimant.ToTable("claimants");
                claimant.HasKey(x => x.Id);
                claimant.Property(x => x.Id).ValueGeneratedOnAdd();
                claimant.Property(x => x.GivenName).IsPersonal();
                claimant.Property(x => x.FamilyName).IsPersonal();
                claimant.Property(x => x.Phone).IsPersonal();
                claimant.Property(x => x.Email).IsPersonal();
                claimant.Property(x => x.Address).IsPersonal();
                claimant.Ignore(x => x.IsParent);
            });
            e.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.CaseId);
        });
        model.Entity<MatchCandidate>(e =>
        {
            e.ToTable("match_candidates");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.CaseId, m.Score });
        });
        model.Entity<BirthDateBucket>(e =>
        {
            e.ToTable("birth_date_buckets");
            e.HasKey(b => b.BirthDateIndex);
            e.Property(b => b.BirthDateIndex).HasMaxLength(100);
            e.Property(b => b.Version).IsConcurrencyToken();
        });
        model.Entity<TimelineEntry>(e =>
        {
            e.ToTable("timeline");
            e.HasKey(t => t.Sequence);
            e.Property(t => t.Sequence).ValueGeneratedOnAdd();
            // A case's timeline is paged in read order by these two keys (TimelinePages).
            e.HasIndex(t => new { t.CaseId, t.OccurredAt, t.ProducerSequence });
        });
    }

    private static void Reported(ComplexPropertyBuilder<ReportedStage> reported) => reported.ComplexProperty(r => r.Position);

    private static void PersonalPlace<TOwner>(OwnedNavigationBuilder<TOwner, Place> place) where TOwner : class
    {
        place.Property(x => x.Region).IsPersonal();
        place.Property(x => x.Settlement).IsPersonal();
        place.Property(x => x.Institution).IsPersonal();
    }

    // Who gave a consent is a relative's or guardian's name.
    private static void PersonalConsent(OwnedNavigationBuilder<Case, ConsentRecord> consent) =>
        consent.Property(x => x.GivenBy).IsPersonal();
}
