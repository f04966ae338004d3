using ClientCrm.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> b)
    {
        b.ToTable("ComplaintEvents");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Text).HasMaxLength(Complaint.MaxTextLength + 300);
        b.HasIndex(e => new { e.ComplaintId, e.At });
    }
}
