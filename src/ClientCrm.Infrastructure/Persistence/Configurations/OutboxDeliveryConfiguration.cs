using ClientCrm.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class OutboxDeliveryConfiguration : IEntityTypeConfiguration<OutboxDelivery>
{
    public void Configure(EntityTypeBuilder<OutboxDelivery> b)
    {
        b.ToTable("OutboxDeliveries");
        // One row per message and handler: the record that this handler has (or has not yet) handled this message.
        b.HasKey(d => new { d.MessageId, d.Handler });
        b.Property(d => d.Handler).HasMaxLength(OutboxDelivery.MaxHandlerLength);
        b.Property(d => d.LastError).HasMaxLength(OutboxDelivery.MaxErrorLength);
        b.Ignore(d => d.IsProcessed);
        // The dispatcher takes the next due delivery, and the admins' page lists the pending ones: a few rows among many
        // processed ones, so only the pending are indexed.
        b.HasIndex(d => new { d.NextAttemptAt, d.MessageId, d.Handler }, "IX_OutboxDeliveries_Pending").HasFilter("\"ProcessedAt\" IS NULL");
    }
}
