using ClientCrm.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        b.Property(a => a.ChangesJson).HasColumnType("jsonb");
        // The log is read newest first, by keyset (At, Id), whole or by client, user (login name) or record type, or by
        // user and record type together; a period is a range of the same index.
        b.HasIndex(a => new { a.At, a.Id });
        b.HasIndex(a => new { a.ClientId, a.At, a.Id });
        b.HasIndex(a => new { a.UserId, a.At });
        b.HasIndex(a => new { a.UserName, a.At, a.Id });
        b.HasIndex(a => new { a.EntityType, a.At, a.Id });
        b.HasIndex(a => new { a.UserName, a.EntityType, a.At, a.Id });
    }
}
