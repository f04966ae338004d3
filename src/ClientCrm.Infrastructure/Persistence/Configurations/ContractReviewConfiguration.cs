using ClientCrm.Domain.ContractReviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class ContractReviewConfiguration : IEntityTypeConfiguration<ContractReview>
{
    /// <summary>"Not decided yet", for the partial indexes: the open states of <see cref="ContractReview.Flow"/>.</summary>
    public static string OpenStateSql { get; } = WorkflowSql.StateIn(ContractReview.Flow.OpenStates);

    public void Configure(EntityTypeBuilder<ContractReview> b)
    {
        b.ToTable("ContractReviews");
        b.Property(r => r.Id).ValueGeneratedNever();
        foreach (var text in new[]
                 {
                     nameof(ContractReview.Qualifications), nameof(ContractReview.Schedule), nameof(ContractReview.Pay),
                     nameof(ContractReview.RecruitmentSources), nameof(ContractReview.Training), nameof(ContractReview.Timeline),
                     nameof(ContractReview.DecisionText),
                 })
        {
            b.Property<string?>(text).HasMaxLength(ContractReview.MaxTextLength);
        }

        b.Property(r => r.JobTypes).HasMaxLength(ContractReview.MaxTextLength);
        b.Property(r => r.CreatedById).HasMaxLength(450);
        b.Property(r => r.CreatedByName).HasMaxLength(256);
        b.Property(r => r.SubmittedByName).HasMaxLength(256);
        b.Property(r => r.DecidedById).HasMaxLength(450);
        b.Property(r => r.DecidedByName).HasMaxLength(256);
        b.Property(r => r.ProjectNumber).HasMaxLength(40);
        b.Property(r => r.Version).IsRowVersion();
        b.Ignore(r => r.Sections);
        b.Ignore(r => r.HasPassed);
        b.Ignore(r => r.RequiredSeats);
        b.Ignore(r => r.Decider);
        b.Ignore(r => r.CurrentOpinions);
        b.Ignore(r => r.MissingSeats);
        b.HasOne(r => r.Client).WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Project).WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Events).WithOne(e => e.Review).HasForeignKey(e => e.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(r => r.Opinions).WithOne(o => o.Review).HasForeignKey(o => o.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Opinions).UsePropertyAccessMode(PropertyAccessMode.Field);

        // Every round of a project, and at most one going at a time (a second start is a duplicate, not a second review).
        b.HasIndex(r => new { r.ProjectId, r.Round }).IsUnique();
        b.HasIndex(r => r.ProjectId).IsUnique().HasFilter(OpenStateSql).HasDatabaseName("IX_ContractReviews_OneOpenPerProject");
        // The client page's reviews.
        b.HasIndex(r => new { r.ClientId, r.CreatedAt });
        // The lists and the to-do list read the open ones by state, the one waiting longest first.
        b.HasIndex(r => new { r.State, r.StateSince, r.Id }, "IX_ContractReviews_Open_State_Since").HasFilter(OpenStateSql);
        b.HasIndex(r => new { r.StateSince, r.Id }, "IX_ContractReviews_Open_Since").HasFilter(OpenStateSql);
        b.HasIndex(r => new { r.StateSince, r.Id }, "IX_ContractReviews_Since");
        // The to-do lists: the open ones, the oldest first, on the rows' copy of their client's department and owner (ClientScopeCopy).
        ClientScopeCopy.Configure(b);
        // Each step one range: a head's the department's submissions, anyone's their own clients' drafts.
        b.HasIndex([ClientScopeCopy.DepartmentColumn, nameof(ContractReview.State), nameof(ContractReview.StateSince), nameof(ContractReview.Id)], "IX_ContractReviews_Open_Department_State_Since")
            .HasFilter(OpenStateSql);
        b.HasIndex([ClientScopeCopy.OwnerColumn, nameof(ContractReview.State), nameof(ContractReview.StateSince), nameof(ContractReview.Id)], "IX_ContractReviews_Open_Owner_State_Since")
            .HasFilter(OpenStateSql);
    }
}

internal sealed class ContractReviewEventConfiguration : IEntityTypeConfiguration<ContractReviewEvent>
{
    public void Configure(EntityTypeBuilder<ContractReviewEvent> b)
    {
        b.ToTable("ContractReviewEvents");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Text).HasMaxLength(ContractReview.MaxTextLength + 300);
        b.HasIndex(e => new { e.ReviewId, e.At });
    }
}

internal sealed class ContractReviewOpinionConfiguration : IEntityTypeConfiguration<ContractReviewOpinion>
{
    public void Configure(EntityTypeBuilder<ContractReviewOpinion> b)
    {
        b.ToTable("ContractReviewOpinions");
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Text).HasMaxLength(ContractReview.MaxTextLength).IsRequired();
        b.Property(o => o.ById).HasMaxLength(450);
        b.Property(o => o.ByName).HasMaxLength(256);
        // One opinion per person per submission (the domain refuses a second; the index is the last word).
        b.HasIndex(o => new { o.ReviewId, o.Submission, o.ById }).IsUnique();
    }
}

internal sealed class ProjectNumberCounterConfiguration : IEntityTypeConfiguration<Domain.Cooperation.ProjectNumberCounter>
{
    public void Configure(EntityTypeBuilder<Domain.Cooperation.ProjectNumberCounter> b)
    {
        b.ToTable("ProjectNumberCounters");
        b.HasKey(c => c.Year);
        b.Property(c => c.Year).ValueGeneratedNever();
        b.Property(c => c.Version).IsRowVersion();
    }
}
