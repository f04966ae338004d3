using ClientCrm.Domain.Organisation;
using ClientCrm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class CrmUserConfiguration : IEntityTypeConfiguration<CrmUser>
{
    public void Configure(EntityTypeBuilder<CrmUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        b.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.PasswordHash).IsRedactedInAudit();
        b.Property(u => u.SecurityStamp).IsRedactedInAudit();
        b.Property(u => u.ConcurrencyStamp).IsRedactedInAudit();
    }
}
