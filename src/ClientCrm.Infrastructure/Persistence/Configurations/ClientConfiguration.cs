using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Organisation;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> b)
    {
        b.ToTable("Clients");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();

        b.Property(c => c.Name).HasMaxLength(300).IsRequired();
        b.Property(c => c.ChineseName).HasMaxLength(300);
        b.Property(c => c.NormalizedName).HasMaxLength(300).IsRequired();
        b.Property(c => c.CountryCode).HasMaxLength(2).IsFixedLength().IsRequired();
        b.Property(c => c.Address).HasMaxLength(500);
        b.Property(c => c.Postcode).HasMaxLength(20);
        b.Property(c => c.Fax).HasMaxLength(50);
        b.Property(c => c.Website).HasMaxLength(300);
        b.Property(c => c.LegalRepresentative).HasMaxLength(200);
        b.Property(c => c.Ownership).HasMaxLength(200);
        b.Property(c => c.BusinessScope).HasMaxLength(2000);
        b.Property(c => c.RegisteredCapital).HasPrecision(18, 2);
        b.Property(c => c.RegisteredCapitalCurrency).HasMaxLength(3);
        b.Property(c => c.PaymentTerms).HasMaxLength(1000);
        b.Property(c => c.ChinaPartners).HasMaxLength(2000);
        b.Property(c => c.InformationSource).HasMaxLength(1000);
        b.Property(c => c.OwnerId).HasMaxLength(450).IsRequired();
        b.Property(c => c.Version).IsRowVersion();
        b.Property(c => c.Grade).HasDefaultValue(Domain.Grading.ClientGrade.C).HasSentinel((Domain.Grading.ClientGrade)0);
        b.Property(c => c.ResponsibleLeaderId).HasMaxLength(450);
        b.Property(c => c.StatusReason).HasMaxLength(1000);
        // Own table, keyed by the client: regrade runs upsert it set-based (RegradeService) without touching Clients.
        b.OwnsOne(c => c.Classes, o =>
        {
            o.ToTable("ClientClasses");
            o.WithOwner().HasForeignKey("ClientId");
            o.Property(x => x.Pareto).HasColumnName("ParetoClass");
            o.Property(x => x.Lifecycle).HasColumnName("LifecycleStage");
            // The amount the Pareto ranking used (contracts of the last 12 months, CNY): the class report sums it.
            o.Property(x => x.AmountCny).HasColumnName("AmountCny12").HasPrecision(18, 2);
            o.HasIndex(x => x.Pareto);
            o.HasIndex(x => x.Lifecycle);
        });

        // SPEC §2 confidentiality: encrypted at rest, searchable only through the blind indexes below.
        b.Property(c => c.Phone).IsConfidential();
        b.Property(c => c.Email).IsConfidential();
        b.Property(c => c.BankAccount).IsConfidential();
        b.Property(c => c.TaxNumber).IsConfidential();
        b.Property(c => c.RegistrationNumber).IsConfidential();
        b.Property(c => c.CreditNotes).IsConfidential();
        b.Property(c => c.Notes).IsConfidential();
        b.HasBlindIndex(c => c.Phone, BlindIndexKind.Phone);
        b.HasBlindIndex(c => c.Email, BlindIndexKind.Email);
        b.HasBlindIndex(c => c.TaxNumber, BlindIndexKind.TaxNumber);
        b.HasBlindIndex(c => c.RegistrationNumber, BlindIndexKind.RegistrationNumber);
        // A registration number identifies one enterprise: the database refuses a second one even when two
        // registrations race past the duplicate check.
        b.HasIndex(ConfidentialProperties.IndexPropertyName(nameof(Client.RegistrationNumber))).IsUnique();

        b.HasMany(c => c.Principals).WithOne(p => p.Client).HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(c => c.Principals).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(c => c.CardRevisions).WithOne(r => r.Client).HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(c => c.CardRevisions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(c => c.GradeChanges).WithOne(g => g.Client).HasForeignKey(g => g.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(c => c.GradeChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(c => c.StatusChanges).WithOne(s => s.Client).HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(c => c.StatusChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<CrmUser>().WithMany().HasForeignKey(c => c.ResponsibleLeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CrmUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);

        // Every list sort, with the scope column in front for department heads (Department) and staff (Owner), ends in
        // the key so keyset paging can seek to the last row shown (docs/performance.md, "Pages"). Staff own at most a
        // few thousand clients, so only their default and name sorts have an index; other sorts of theirs sort in memory.
        b.HasIndex(c => new { c.UpdatedAt, c.Id });
        b.HasIndex(c => new { c.DepartmentId, c.UpdatedAt, c.Id });
        b.HasIndex(c => new { c.OwnerId, c.UpdatedAt, c.Id });
        b.HasIndex(c => new { c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.DepartmentId, c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.OwnerId, c.NormalizedName, c.Id });
        // Country first also serves the same-name duplicate check (country + normalised name).
        b.HasIndex(c => new { c.CountryCode, c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.DepartmentId, c.CountryCode, c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.Status, c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.DepartmentId, c.Status, c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.OwnerId, c.Status, c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.Grade, c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.DepartmentId, c.Grade, c.NormalizedName, c.Id });
        b.HasIndex(c => c.Region);

        // Overdue contacts (SPEC §4) and cards due for review (SPEC §2), per grade and scope; terminated clients have
        // no contact duty.
        var hasContactDuty = $"\"Status\" <> {(int)ClientStatus.Terminated}";
        b.HasIndex(c => new { c.Grade, c.ContactDueOn }).HasFilter(hasContactDuty).HasDatabaseName("IX_Clients_ContactDue");
        b.HasIndex(c => new { c.DepartmentId, c.Grade, c.ContactDueOn }).HasFilter(hasContactDuty).HasDatabaseName("IX_Clients_Department_ContactDue");
        b.HasIndex(c => new { c.OwnerId, c.Grade, c.ContactDueOn }).HasFilter(hasContactDuty).HasDatabaseName("IX_Clients_Owner_ContactDue");
        b.HasIndex(c => c.CardReviewDueOn);
        b.HasIndex(c => new { c.DepartmentId, c.CardReviewDueOn });
        b.HasIndex(c => new { c.OwnerId, c.CardReviewDueOn });
        // Every start-up looks for clients without stored due days (ContactSchedule.ScheduleMissingAsync): without this
        // (normally empty) index that look was a scan of every client, 3.9 s at 1,000,000 before the app answered.
        b.HasIndex(c => c.Id, "IX_Clients_Unscheduled").HasFilter("\"ContactDueOn\" IS NULL OR \"CardReviewDueOn\" IS NULL");

        // Part of a name (search box): trigram indexes, since ILIKE '%term%' cannot use a B-tree.
        b.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Clients_Name_Trigram");
        b.HasIndex(c => c.ChineseName).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Clients_ChineseName_Trigram");
    }
}

internal sealed class ClientStatusChangeConfiguration : IEntityTypeConfiguration<ClientStatusChange>
{
    public void Configure(EntityTypeBuilder<ClientStatusChange> b)
    {
        b.ToTable("ClientStatusChanges");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Reason).HasMaxLength(1000);
        b.Property(s => s.ChangedById).HasMaxLength(450);
        b.HasIndex(s => new { s.ClientId, s.ChangedAt });
    }
}
