using ClientCrm.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Type).HasMaxLength(OutboxMessage.MaxTypeLength).IsRequired();
        b.Property(m => m.Payload).HasColumnType("jsonb").IsRequired();
        b.HasMany(m => m.Deliveries).WithOne(d => d.Message).HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
        // The hourly purge finds old messages by when they were written.
        b.HasIndex(m => m.RecordedAt);
    }
}
