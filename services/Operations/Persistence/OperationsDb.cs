using Mediation.BuildingBlocks.Persistence;
using Mediation.Operations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.Operations.Persistence;

/// <summary>The operations service's model; one subclass per database provider carries its migrations.</summary>
public abstract class OperationsDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<TrackedCase> Cases => Set<TrackedCase>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<Resolution> Resolutions => Set<Resolution>();
    public DbSet<FaultedMessage> Faults => Set<FaultedMessage>();
    public DbSet<OperatorAction> OperatorActions => Set<OperatorAction>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<TrackedCase>(e =>
        {
            e.ToTable("cases");
            e.HasKey(c => c.CaseId);
            e.Property(c => c.CaseId).HasMaxLength(100);
            e.Property(c => c.Stage).HasMaxLength(40);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.ComplexProperty(c => c.Requests, Reported);
            e.ComplexProperty(c => c.Verification, Reported);
            e.ComplexProperty(c => c.Handover, Reported);
            e.ComplexProperty(c => c.HoldingNamedAt);
            e.ComplexProperty(c => c.BatchNamedAt);
            e.ComplexProperty(c => c.HoldChangedAt);
            e.ComplexProperty(c => c.LastTransfer, t => t.ComplexProperty(x => x.Position));
            e.HasIndex(c => c.Stage);
            e.HasIndex(c => c.BatchId);
        });
        model.Entity<Escalation>(e =>
        {
            e.ToTable("escalations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.CaseId, x.Kind, x.Subject });
            e.HasIndex(x => x.ResolvedAt);
        });
        model.Entity<Resolution>(e =>
        {
            e.ToTable("resolutions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.HasIndex(x => x.CaseId);
        });
        model.Entity<FaultedMessage>(e =>
        {
            e.ToTable("faults");
            e.HasKey(f => f.FaultId);
            e.Property(f => f.MessageType).HasMaxLength(300);
            e.Property(f => f.Queue).HasMaxLength(500);
            e.Property(f => f.ExceptionType).HasMaxLength(300);
            e.Property(f => f.AppliedBy).HasMaxLength(200);
            e.HasIndex(f => new { f.State, f.MessageType, f.ExceptionType });
            e.Ignore(f => f.ShortType);
            e.Ignore(f => f.QueueName);
            e.Ignore(f => f.IsApplied);
            // The recheck's and the answers' lookups: open faults by message id.
            e.HasIndex(f => f.MessageId);
        });
        model.Entity<OperatorAction>(e =>
        {
            e.ToTable("operator_actions");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedOnAdd();
            e.Property(a => a.Operator).HasMaxLength(100);
            e.Property(a => a.Reason).HasMaxLength(500);
        });
        AddOwnConfigurations(model);
    }

    /// <summary>
    /// Tables added beside the case view (instances, series, flows, alerts) each configure themselves in an
    /// IEntityTypeConfiguration of their own, next to their entity.
    /// </summary>
    private static void AddOwnConfigurations(ModelBuilder model) => model.ApplyConfigurationsFromAssembly(typeof(OperationsDb).Assembly);

    private static void Reported(ComplexPropertyBuilder<ReportedStage> reported)
    {
        reported.Property(r => r.Stage).HasMaxLength(40);
        reported.ComplexProperty(r => r.Position);
    }
}
