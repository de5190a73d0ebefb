using Mediation.BuildingBlocks.PersonalData;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Verification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Persistence;

/// <summary>The verification service's model; one subclass per database provider carries its migrations.</summary>
public abstract class VerificationDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Checklist> Checklists => Set<Checklist>();
    public DbSet<Check> Checks => Set<Check>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<Checklist>(e =>
        {
            e.ToTable("checklists");
            e.HasKey(c => c.CaseId);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasMany(c => c.Checks).WithOne().HasForeignKey(c => c.CaseId);
            // Free text about the child: stored encrypted (docs/security.md).
            e.Property(c => c.ReopenReason).IsPersonal();
        });
        model.Entity<Check>(e =>
        {
            e.ToTable("checks");
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.CaseId, c.Type }).IsUnique();
            e.HasIndex(c => new { c.OwnerKind, c.State });
            e.Property(c => c.Reason).IsPersonal();
            e.Property(c => c.InformationNote).IsPersonal();
            e.OwnsMany(c => c.Evidence, evidence =>
            {
                evidence.ToTable("evidence");
                evidence.Property<long>("Id").ValueGeneratedOnAdd();
                evidence.HasKey("Id");
            });
        });
    }
}
