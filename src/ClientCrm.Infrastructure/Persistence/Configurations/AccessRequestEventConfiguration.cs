using ClientCrm.Domain.Dossier;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class AccessRequestEventConfiguration : IEntityTypeConfiguration<AccessRequestEvent>
{
    public void Configure(EntityTypeBuilder<AccessRequestEvent> b)
    {
        b.ToTable("AccessRequestEvents");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Text).HasMaxLength(AccessRequest.MaxTextLength);
        b.HasIndex(e => new { e.RequestId, e.At });
    }
}
