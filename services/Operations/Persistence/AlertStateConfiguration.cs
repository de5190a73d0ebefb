using Mediation.Operations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.Operations.Persistence;

public sealed class AlertStateConfiguration : IEntityTypeConfiguration<AlertState>
{
    public void Configure(EntityTypeBuilder<AlertState> e)
    {
        e.ToTable("alert_states");
        // One row per rule and subject: two instances inserting the same new row conflict on this key.
        e.HasKey(s => new { s.Rule, s.Subject });
        e.Property(s => s.Rule).HasMaxLength(100);
        e.Property(s => s.Subject).HasMaxLength(500);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.Version).IsConcurrencyToken();
    }
}
