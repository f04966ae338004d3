using ClientCrm.Domain.InformationReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class InformationReportConfiguration : IEntityTypeConfiguration<InformationReport>
{
    /// <summary>"Not read yet", for the partial indexes: the open states of <see cref="InformationReport.Flow"/>.</summary>
    public static string OpenStateSql { get; } = WorkflowSql.StateIn(InformationReport.Flow.OpenStates);

    public void Configure(EntityTypeBuilder<InformationReport> b)
    {
        b.ToTable("InformationReports");
        b.Property(r => r.Id).ValueGeneratedNever();
        foreach (var text in new[] { nameof(InformationReport.Content), nameof(InformationReport.ForwardComment), nameof(InformationReport.Instruction) })
        {
            b.Property<string?>(text).HasMaxLength(InformationReport.MaxTextLength);
        }

        b.Property(r => r.Content).IsRequired();
        b.Property(r => r.Source).HasMaxLength(InformationReport.MaxSourceLength).IsRequired();
        b.Property(r => r.ProspectName).HasMaxLength(InformationReport.MaxProspectNameLength);
        b.Property(r => r.ProspectNormalizedName).HasMaxLength(InformationReport.MaxProspectNameLength);
        b.Property(r => r.ProspectCountryCode).HasMaxLength(2);
        b.Property(r => r.ReporterId).HasMaxLength(450);
        b.Property(r => r.ReporterName).HasMaxLength(256);
        b.Property(r => r.ForwardedByName).HasMaxLength(256);
        b.Property(r => r.InstructedByName).HasMaxLength(256);
        b.Property(r => r.Version).IsRowVersion();
        b.Ignore(r => r.SubjectName);
        b.HasOne(r => r.Client).WithMany().HasForeignKey(r => r.ClientId).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Cooperation.CooperationProject>().WithMany().HasForeignKey(r => r.ProjectId).IsRequired(false).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Domain.Organisation.Department>().WithMany().HasForeignKey(r => r.ReporterDepartmentId).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Events).WithOne(e => e.Report).HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Events).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The client's reports, newest first (the client page, the B prompt's list).
        b.HasIndex(r => new { r.ClientId, r.LearnedOn });
        // "My reports", newest first, and the reporter's own waiting ones.
        b.HasIndex(r => new { r.ReporterId, r.StateSince, r.Id });
        // A head's reports on prospects (no client yet) by the department they were written in.
        b.HasIndex(r => new { r.ReporterDepartmentId, r.StateSince, r.Id }).HasFilter("\"ClientId\" IS NULL");
        // Registration links a prospect's reports by name and country, as duplicate detection matches.
        b.HasIndex(r => new { r.ProspectCountryCode, r.ProspectNormalizedName }).HasFilter("\"ClientId\" IS NULL");
        b.HasIndex(r => r.ProjectId).HasFilter("\"ProjectId\" IS NOT NULL");
        // The lists and the to-do list read the open ones by state, the one waiting longest first.
        b.HasIndex(r => new { r.State, r.StateSince, r.Id }, "IX_InformationReports_Open_State_Since").HasFilter(OpenStateSql);
        b.HasIndex(r => new { r.StateSince, r.Id }, "IX_InformationReports_Since");
    }
}
