using ClientCrm.Domain.Accountability;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class AccountabilityCaseConfiguration : IEntityTypeConfiguration<AccountabilityCase>
{
    /// <summary>"Not closed yet", for the partial indexes: the open states of <see cref="AccountabilityCase.Flow"/>.</summary>
    public static string OpenStateSql { get; } = WorkflowSql.StateIn(AccountabilityCase.Flow.OpenStates);

    public const string OneOpenPerClientAndTrigger = "IX_AccountabilityCases_OneOpenPerClientAndTrigger";

    public void Configure(EntityTypeBuilder<AccountabilityCase> b)
    {
        b.ToTable("AccountabilityCases");
        b.Property(c => c.Id).ValueGeneratedNever();
        foreach (var text in new[] { nameof(AccountabilityCase.Incident), nameof(AccountabilityCase.CourseOfEvents), nameof(AccountabilityCase.Causes),
                     nameof(AccountabilityCase.LeaderDecision) })
        {
            b.Property<string?>(text).HasMaxLength(AccountabilityCase.MaxTextLength);
        }

        foreach (var name in new[] { nameof(AccountabilityCase.OpenedByName), nameof(AccountabilityCase.ReportedByName), nameof(AccountabilityCase.DecidedByName) })
        {
            b.Property<string?>(name).HasMaxLength(256);
        }

        b.Property(c => c.OpenedById).HasMaxLength(450);
        b.Property(c => c.DecidedById).HasMaxLength(450);
        b.Property(c => c.Version).IsRowVersion();
        b.HasOne(c => c.Client).WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Events).WithOne(e => e.Case).HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Countermeasures).WithOne(m => m.Case).HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Persons).WithOne(p => p.Case).HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Countermeasures).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Persons).UsePropertyAccessMode(PropertyAccessMode.Field);

        // SPEC §5.3 "one open case per client and cause": a redelivered event or a second termination cannot open another.
        b.HasIndex(c => new { c.ClientId, c.Trigger }).IsUnique().HasFilter(OpenStateSql).HasDatabaseName(OneOpenPerClientAndTrigger);
        // The client's cases, newest first (the client page).
        b.HasIndex(c => new { c.ClientId, c.OpenedAt });
        // The lists and the to-do list read the open ones by state, the one waiting longest first.
        b.HasIndex(c => new { c.State, c.StateSince, c.Id }, "IX_AccountabilityCases_Open_State_Since").HasFilter(OpenStateSql);
        b.HasIndex(c => new { c.StateSince, c.Id }, "IX_AccountabilityCases_Open_Since").HasFilter(OpenStateSql);
        b.HasIndex(c => new { c.StateSince, c.Id }, "IX_AccountabilityCases_Since");
        // A head's to-do: the department's open ones, the oldest first, on the rows' copy of the client's department.
        ClientScopeCopy.Configure(b);
        b.HasIndex([ClientScopeCopy.DepartmentColumn, nameof(AccountabilityCase.StateSince), nameof(AccountabilityCase.Id)], "IX_AccountabilityCases_Open_Department_StateSince").HasFilter(OpenStateSql);
        // The start pages' overdue reports: still opened, the earliest due first.
        b.HasIndex(c => new { c.ReportDueOn, c.Id }, "IX_AccountabilityCases_ReportDue")
            .HasFilter($"\"State\" = {(int)AccountabilityState.Opened}");
    }
}

internal sealed class AccountabilityEventConfiguration : IEntityTypeConfiguration<AccountabilityEvent>
{
    public void Configure(EntityTypeBuilder<AccountabilityEvent> b)
    {
        b.ToTable("AccountabilityEvents");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(256);
        // A report's summary holds its texts and its rows.
        b.Property(e => e.Text).HasMaxLength((AccountabilityCase.MaxTextLength * 2) + (AccountabilityCase.MaxRows * 2 * 700));
        b.HasIndex(e => new { e.CaseId, e.At });
    }
}

internal sealed class CountermeasureConfiguration : IEntityTypeConfiguration<Countermeasure>
{
    public void Configure(EntityTypeBuilder<Countermeasure> b)
    {
        b.ToTable("AccountabilityCountermeasures");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Action).HasMaxLength(AccountabilityCase.MaxTextLength);
        b.Property(m => m.OwnerName).HasMaxLength(AccountabilityCase.MaxNameLength);
        b.HasIndex(m => new { m.CaseId, m.Position });
    }
}

internal sealed class PersonConcernedConfiguration : IEntityTypeConfiguration<PersonConcerned>
{
    public void Configure(EntityTypeBuilder<PersonConcerned> b)
    {
        b.ToTable("AccountabilityPersons");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(AccountabilityCase.MaxNameLength);
        b.Property(p => p.PenaltyName).HasMaxLength(AccountabilityPenalty.MaxNameLength);
        b.Property(p => p.PenaltyEnglishName).HasMaxLength(AccountabilityPenalty.MaxNameLength);
        b.HasOne<AccountabilityPenalty>().WithMany().HasForeignKey(p => p.PenaltyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.CaseId, p.Position });
    }
}

internal sealed class AccountabilityPenaltyConfiguration : IEntityTypeConfiguration<AccountabilityPenalty>
{
    public void Configure(EntityTypeBuilder<AccountabilityPenalty> b)
    {
        b.ToTable("AccountabilityPenalties");
        b.Property(p => p.ChineseName).HasMaxLength(AccountabilityPenalty.MaxNameLength);
        b.Property(p => p.EnglishName).HasMaxLength(AccountabilityPenalty.MaxNameLength);
        b.Property(p => p.Version).IsRowVersion();
        b.HasIndex(p => p.ChineseName).IsUnique();
        // The penalties the company punishes with (seed 000 二 4 names none; these are the usual ones), lightest first.
        var at = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);
        b.HasData(
            new { Id = 1, ChineseName = "通报批评", EnglishName = "Circulated criticism", SortOrder = 1, IsActive = true, UpdatedAt = at },
            new { Id = 2, ChineseName = "警告", EnglishName = "Formal warning", SortOrder = 2, IsActive = true, UpdatedAt = at },
            new { Id = 3, ChineseName = "记过", EnglishName = "Demerit on record", SortOrder = 3, IsActive = true, UpdatedAt = at },
            new { Id = 4, ChineseName = "扣发奖金", EnglishName = "Bonus withheld", SortOrder = 4, IsActive = true, UpdatedAt = at },
            new { Id = 5, ChineseName = "降级", EnglishName = "Demotion", SortOrder = 5, IsActive = true, UpdatedAt = at },
            new { Id = 6, ChineseName = "解除劳动合同", EnglishName = "Dismissal", SortOrder = 6, IsActive = true, UpdatedAt = at });
    }
}
