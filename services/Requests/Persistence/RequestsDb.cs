using Mediation.BuildingBlocks.Persistence;
using Mediation.Requests.Domain;
using Mediation.Requests.Matching;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Persistence;

/// <summary>The requests service's model; one subclass per database provider carries its migrations.</summary>
public abstract class RequestsDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<TracingRequest> TracingRequests => Set<TracingRequest>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<MatchCandidate> MatchCandidates => Set<MatchCandidate>();

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
            e.HasIndex(c => new { c.RequestingPartyId, c.Id });
            e.HasIndex(c => new { c.HoldingPartyId, c.Id });
            e.OwnsOne(c => c.Child, child =>
            {
                child.OwnsOne(x => x.LastKnownPlace);
                child.Ignore(x => x.HasSpecialNeeds);
                // The match search asks for a handful of birth dates at every submission.
                child.HasIndex(x => x.BirthDate);
            });
            e.OwnsOne(c => c.CurrentLocation);
            e.OwnsOne(c => c.TraceConsent);
            e.OwnsOne(c => c.ShareConsent);
            e.OwnsMany(c => c.Claimants, claimant =>
            {
                claimant.ToTable("claimants");
                claimant.HasKey(x => x.Id);
                claimant.Property(x => x.Id).ValueGeneratedOnAdd();
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
        model.Entity<TimelineEntry>(e =>
        {
            e.ToTable("timeline");
            e.HasKey(t => t.Sequence);
            e.Property(t => t.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(t => new { t.CaseId, t.OccurredAt });
        });
    }
}
