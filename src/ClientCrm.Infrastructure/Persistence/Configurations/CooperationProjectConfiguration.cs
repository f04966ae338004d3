using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class CooperationProjectConfiguration : IEntityTypeConfiguration<CooperationProject>
{
    public void Configure(EntityTypeBuilder<CooperationProject> b)
    {
        b.ToTable("CooperationProjects");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(300).IsRequired();
        b.Property(p => p.JobTypes).HasMaxLength(500);
        b.Property(p => p.WorkCountryCode).HasMaxLength(2).IsFixedLength().IsRequired();
        b.Property(p => p.ContractAmount).HasPrecision(18, 2);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.AmountCny).HasPrecision(18, 2);
        b.Property(p => p.RateUsed).HasPrecision(18, 6);
        b.Property(p => p.Notes).HasMaxLength(2000);
        // Batch terms (SPEC §3). Contract and filing numbers are not among SPEC §2's encrypted fields.
        b.Property(p => p.EmployerContractNumber).HasMaxLength(100);
        b.Property(p => p.WorkSite).HasMaxLength(300);
        b.Property(p => p.WageAmount).HasPrecision(18, 2);
        b.Property(p => p.WageCurrency).HasMaxLength(3);
        b.Property(p => p.WorkingHours).HasMaxLength(500);
        b.Property(p => p.BoardAndLodging).HasMaxLength(1000);
        b.Property(p => p.InsuranceTerms).HasMaxLength(1000);
        b.Property(p => p.ServiceFeeAmount).HasPrecision(18, 2);
        b.Property(p => p.ServiceFeeCurrency).HasMaxLength(3);
        b.Property(p => p.FilingNumber).HasMaxLength(100);
        b.Property(p => p.ProjectNumber).HasMaxLength(40);
        b.Property(p => p.Version).IsRowVersion();
        b.Ignore(p => p.BatchWorkerCount);
        b.Ignore(p => p.IsInitiated);
        // One project per number (立项编号); the counter gives each once, the index is the last word.
        b.HasIndex(p => p.ProjectNumber).IsUnique().HasFilter("\"ProjectNumber\" IS NOT NULL");

        b.HasOne(p => p.Client).WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Incidents).WithOne(i => i.Project).HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(p => p.Incidents).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The grading and warning runs aggregate by client over signed dates; the covering index lets them read
        // only the index for the counts they need.
        b.HasIndex(p => new { p.ClientId, p.ContractSignedOn })
            .IncludeProperties(p => new { p.Status, p.WorkersDispatched, p.WorkersRequested, p.AmountCny, p.DepartureOn, p.ContractEndOn });
        b.HasIndex(p => p.WorkCountryCode);
        // A client's projects, newest first (the client page and its project list, keyset on CreatedAt, Id).
        b.HasIndex(p => new { p.ClientId, p.CreatedAt, p.Id });
    }
}

internal sealed class WorkerIncidentConfiguration : IEntityTypeConfiguration<WorkerIncident>
{
    public void Configure(EntityTypeBuilder<WorkerIncident> b)
    {
        b.ToTable("WorkerIncidents");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        // Descriptions and handling records name workers and what happened to them.
        b.Property(i => i.Description).IsConfidential().IsRequired();
        b.Property(i => i.HandlingRecord).IsConfidential();
        b.Property(i => i.ArrearsAmount).HasPrecision(18, 2);
        b.Property(i => i.ArrearsCurrency).HasMaxLength(3);
        b.Ignore(i => i.IsOpen);
        b.HasOne(i => i.Client).WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.ClientId, i.Type, i.Status });
        b.HasIndex(i => i.ProjectId);
    }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> b)
    {
        b.ToTable("ExchangeRates");
        b.Property(r => r.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        b.Property(r => r.CnyPerUnit).HasPrecision(18, 6);
        b.Property(r => r.EnteredBy).HasMaxLength(256);
        b.HasIndex(r => new { r.Currency, r.EffectiveFrom }).IsUnique();
        // The settings page lists them newest effective date first (keyset on EffectiveFrom, Id).
        b.HasIndex(r => new { r.EffectiveFrom, r.Id });
    }
}
