using Mediation.Operations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.Operations.Persistence;

public sealed class MetricPointConfiguration : IEntityTypeConfiguration<MetricPoint>
{
    public void Configure(EntityTypeBuilder<MetricPoint> e)
    {
        e.ToTable("metric_points");
        // The key is the point's identity: two instances inserting the same point at once conflict on it.
        e.HasKey(p => new { p.ResolutionSeconds, p.Series, p.Subject, p.BucketStart });
        e.Property(p => p.Series).HasMaxLength(40);
        e.Property(p => p.Subject).HasMaxLength(300);
        e.Property(p => p.Histogram).HasMaxLength(400);
        e.Property(p => p.Version).IsConcurrencyToken();
        // The graphs read a time range of one resolution; the rollup and the retention delete by it.
        e.HasIndex(p => new { p.ResolutionSeconds, p.BucketStart });
    }
}
