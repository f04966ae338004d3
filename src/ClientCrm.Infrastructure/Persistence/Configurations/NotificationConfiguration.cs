using ClientCrm.Domain.Notifications;
using ClientCrm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.RecipientId).HasMaxLength(450).IsRequired();
        b.Property(n => n.Text).HasMaxLength(Notification.MaxTextLength).IsRequired();
        b.Property(n => n.ClientName).HasMaxLength(Notification.MaxClientNameLength);
        b.Property(n => n.ClientChineseName).HasMaxLength(Notification.MaxClientNameLength);
        b.Ignore(n => n.IsRead);
        b.Ignore(n => n.IsDone);
        b.HasOne<CrmUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        // The inbox lists a person's newest first, all or unread only (keyset on CreatedAt, Id); the top bar counts their
        // unread ones on every page.
        b.HasIndex(n => new { n.RecipientId, n.CreatedAt, n.Id }, "IX_Notifications_RecipientId_CreatedAt_Id");
        b.HasIndex(n => new { n.RecipientId, n.CreatedAt, n.Id }, "IX_Notifications_Unread").HasFilter("\"ReadAt\" IS NULL");
        // Closing a warning (or deciding a proposal) marks the messages about it done: a handful of rows, found by the item.
        b.HasIndex(n => n.SubjectId, "IX_Notifications_Subject_NotDone").HasFilter("\"SubjectId\" IS NOT NULL AND \"DoneAt\" IS NULL");
    }
}
