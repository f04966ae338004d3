using ClientCrm.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    /// <summary>"Not archived yet", for the partial indexes: the open states of <see cref="Complaint.Flow"/>.</summary>
    public static string OpenStateSql { get; } = WorkflowSql.StateIn(Complaint.Flow.OpenStates);

    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("Complaints");
        b.Property(c => c.Id).ValueGeneratedNever();
        foreach (var text in new[]
                 {
                     nameof(Complaint.Content), nameof(Complaint.Findings), nameof(Complaint.LeaderInstruction), nameof(Complaint.CorrectiveAction),
                     nameof(Complaint.Penalty), nameof(Complaint.NotifiedHow),
                 })
        {
            b.Property<string?>(text).HasMaxLength(Complaint.MaxTextLength);
        }

        b.Property(c => c.Content).IsRequired();
        b.Property(c => c.ResponsiblePerson).HasMaxLength(Complaint.MaxNameLength);
        b.Property(c => c.RecordedById).HasMaxLength(450);
        b.Property(c => c.RecordedByName).HasMaxLength(256);
        b.Property(c => c.InstructedByName).HasMaxLength(256);
        b.Property(c => c.Version).IsRowVersion();
        b.HasOne(c => c.Client).WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Events).WithOne(e => e.Complaint).HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The client's complaints, newest first (the client page, the warning column's open ones).
        b.HasIndex(c => new { c.ClientId, c.ReceivedOn });
        // The lists and the to-do list read the open ones by state, the one waiting longest first.
        b.HasIndex(c => new { c.State, c.StateSince, c.Id }, "IX_Complaints_Open_State_Since").HasFilter(OpenStateSql);
        b.HasIndex(c => new { c.StateSince, c.Id }, "IX_Complaints_Open_Since").HasFilter(OpenStateSql);
        b.HasIndex(c => new { c.StateSince, c.Id }, "IX_Complaints_Since");
        // A head's to-do: the department's open ones, the oldest first, on the rows' copy of the client's department.
        ClientScopeCopy.Configure(b);
        b.HasIndex([ClientScopeCopy.DepartmentColumn, nameof(Complaint.StateSince), nameof(Complaint.Id)], "IX_Complaints_Open_Department_StateSince").HasFilter(OpenStateSql);
    }
}
