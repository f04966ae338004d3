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
        b.Property(n => n.Link).HasMaxLength(Notification.MaxLinkLength).IsRequired();
        b.Ignore(n => n.IsRead);
        b.HasOne<CrmUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        // The inbox lists a person's newest first; the top bar counts their unread ones on every page.
        b.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        b.HasIndex(n => n.RecipientId).HasFilter("\"ReadAt\" IS NULL").HasDatabaseName("IX_Notifications_Unread");
    }
}
