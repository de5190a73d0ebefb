using Mediation.Operations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.Operations.Persistence;

public sealed class ServiceInstanceConfiguration : IEntityTypeConfiguration<ServiceInstance>
{
    public void Configure(EntityTypeBuilder<ServiceInstance> e)
    {
        e.ToTable("instances");
        e.HasKey(i => new { i.InstanceId, i.Service });
        e.Property(i => i.InstanceId).HasMaxLength(200);
        e.Property(i => i.Service).HasMaxLength(40);
        e.Property(i => i.Version).HasMaxLength(100);
        e.Property(i => i.HostName).HasMaxLength(200);
        e.Property(i => i.GrpcAddress).HasMaxLength(300);
        e.Property(i => i.WebAddress).HasMaxLength(300);
        e.HasIndex(i => i.LastHeartbeatAt);
        // Newer-wins by these two: a writer that read them before another changed them must read again (InstanceNews).
        e.Property(i => i.LastHeartbeatAt).IsConcurrencyToken();
        e.Property(i => i.StoppedAt).IsConcurrencyToken();
    }
}
