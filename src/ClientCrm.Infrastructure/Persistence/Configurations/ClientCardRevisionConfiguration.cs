using ClientCrm.Domain.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class ClientCardRevisionConfiguration : IEntityTypeConfiguration<ClientCardRevision>
{
    public void Configure(EntityTypeBuilder<ClientCardRevision> b)
    {
        b.ToTable("ClientCardRevisions");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ArchivedBy).HasMaxLength(256);
        // The archived card holds the same confidential fields as the live one.
        b.Property(r => r.Card).IsConfidential().IsRequired();
        b.HasIndex(r => new { r.ClientId, r.ArchivedAt });
    }
}
