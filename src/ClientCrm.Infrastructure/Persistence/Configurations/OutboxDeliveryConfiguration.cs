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
        // Every handled delivery leaves a dead entry in that index until a vacuum. Autovacuum's default waits for a fifth
        // of the table to change, and in a table of mostly handled rows the pending range then scans tens of thousands of
        // dead entries (the admins' page took 9 ms of CPU a view at 82,703, 15 ms at 16 connections after a vacuum; see
        // docs/performance.md). Vacuum after 1% instead.
        b.HasStorageParameter("autovacuum_vacuum_scale_factor", 0.01);
        b.HasStorageParameter("autovacuum_vacuum_threshold", 1000);
    }
}
