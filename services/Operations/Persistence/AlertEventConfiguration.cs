using Mediation.Operations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.Operations.Persistence;

public sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> e)
    {
        e.ToTable("alert_events");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Rule).HasMaxLength(100);
        e.Property(x => x.Subject).HasMaxLength(500);
        // The page's newest-first history, and the open episode of a subject when it clears.
        e.HasIndex(x => x.FiredAt);
        e.HasIndex(x => new { x.Rule, x.Subject, x.ClearedAt });
        e.HasIndex(x => x.ClearedAt);
    }
}
