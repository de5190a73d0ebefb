using Mediation.BuildingBlocks.PersonalData;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Handover.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Handover.Persistence;

/// <summary>The handover service's model; one subclass per database provider carries its migrations.</summary>
public abstract class HandoverDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<HandoverCase> Cases => Set<HandoverCase>();
    public DbSet<HandoverBatch> Batches => Set<HandoverBatch>();
    public DbSet<CustodyAcknowledgement> Acknowledgements => Set<CustodyAcknowledgement>();
    public DbSet<Incident> Incidents => Set<Incident>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<HandoverCase>(e =>
        {
            e.ToTable("handover_cases");
            e.HasKey(c => c.CaseId);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.BatchId);
            e.HasMany(c => c.Visits).WithOne().HasForeignKey(v => v.CaseId);
        });
        model.Entity<FollowUpVisit>(e =>
        {
            e.ToTable("follow_up_visits");
            e.HasKey(v => new { v.CaseId, v.Number });
        });
        model.Entity<HandoverBatch>(e =>
        {
            e.ToTable("batches");
            e.HasKey(b => b.Id);
            e.OwnsOne(b => b.Venue);
            e.OwnsMany(b => b.Legs, l =>
            {
                l.ToTable("legs");
                l.WithOwner().HasForeignKey("BatchId");
                l.HasKey("BatchId", nameof(CustodyLeg.Number));
            });
        });
        model.Entity<CustodyAcknowledgement>(e =>
        {
            e.ToTable("custody_acknowledgements");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedOnAdd();
            // One acknowledgement per side, per leg, per child: the database refuses a second.
            e.HasIndex(a => new { a.CaseId, a.BatchId, a.Leg, a.Role }).IsUnique();
            e.HasIndex(a => new { a.CaseId, a.Sequence });
        });
        model.Entity<Incident>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(i => i.Id);
            e.HasIndex(i => i.BatchId);
            // What happened to a child, in the officer's words: stored encrypted (docs/security.md).
            e.Property(i => i.Note).IsPersonal();
        });
    }
}
