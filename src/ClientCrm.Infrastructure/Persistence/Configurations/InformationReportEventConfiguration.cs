using ClientCrm.Domain.InformationReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class InformationReportEventConfiguration : IEntityTypeConfiguration<InformationReportEvent>
{
    public void Configure(EntityTypeBuilder<InformationReportEvent> b)
    {
        b.ToTable("InformationReportEvents");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Text).HasMaxLength(InformationReport.MaxTextLength + 300);
        b.HasIndex(e => new { e.ReportId, e.At });
    }
}
