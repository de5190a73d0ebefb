using Mediation.Operations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.Operations.Persistence;

public sealed class FlowStepConfiguration : IEntityTypeConfiguration<FlowStep>
{
    public void Configure(EntityTypeBuilder<FlowStep> e)
    {
        e.ToTable("flow_steps");
        // The step id is the key: a batch delivered twice, or by two consumers at once, conflicts on it instead of doubling.
        e.HasKey(s => s.StepId);
        e.Property(s => s.StepId).HasMaxLength(200);
        e.Property(s => s.Kind).HasMaxLength(20);
        e.Property(s => s.CaseId).HasMaxLength(100);
        e.Property(s => s.Service).HasMaxLength(40);
        e.Property(s => s.Instance).HasMaxLength(200);
        e.Property(s => s.Type).HasMaxLength(300);
        e.Property(s => s.Consumer).HasMaxLength(200);
        e.Property(s => s.PartyId).HasMaxLength(100);
        e.Property(s => s.Outcome).HasMaxLength(40);
        e.HasIndex(s => s.CaseId);
        // The retention's scan.
        e.HasIndex(s => s.EndedAt);
    }
}
