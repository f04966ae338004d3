using System.Text.Json;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

/// <summary>The figures behind a grade are stored as JSON: read with the proposal or history line, never queried into.</summary>
internal static class CriteriaColumn
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Serialize(IReadOnlyList<CriterionResult> criteria) => JsonSerializer.Serialize(criteria, Json);

    public static PropertyBuilder<IReadOnlyList<CriterionResult>> AsCriteriaJson(this PropertyBuilder<IReadOnlyList<CriterionResult>> property)
    {
        var converter = new ValueConverter<IReadOnlyList<CriterionResult>, string>(
            v => Serialize(v),
            v => JsonSerializer.Deserialize<List<CriterionResult>>(v, Json) ?? new List<CriterionResult>());
        var comparer = new ValueComparer<IReadOnlyList<CriterionResult>>(
            (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c.GetHashCode())), v => v.ToList());
        return property.HasConversion(converter, comparer).HasColumnType("jsonb").IsRequired();
    }
}

internal sealed class GradingSettingsConfiguration : IEntityTypeConfiguration<GradingSettings>
{
    public void Configure(EntityTypeBuilder<GradingSettings> b)
    {
        b.ToTable("GradingSettings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.AMinAmountCnyLast24Months).HasPrecision(18, 2);
        b.Property(s => s.BMinAmountCnyLast24Months).HasPrecision(18, 2);
        b.Property(s => s.Version).IsRowVersion();
        b.Ignore(s => s.Thresholds);
        var d = GradingThresholds.Default;
        b.HasData(new
        {
            Id = GradingSettings.SingletonId, d.AMinBatchesLast12Months, d.AMinYearsWithCooperation, d.AMinWorkersLast24Months,
            d.AMinAmountCnyLast24Months, d.BMinYearsWithCooperation, d.BMinWorkersLast24Months, d.BMinAmountCnyLast24Months,
            d.ContactDaysA, d.ContactDaysB, d.ContactDaysC, d.ParetoClassIPercent, d.ParetoClassIIPercent,
            UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });
    }
}

internal sealed class GradingRunConfiguration : IEntityTypeConfiguration<GradingRun>
{
    public void Configure(EntityTypeBuilder<GradingRun> b)
    {
        b.ToTable("GradingRuns");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.StartedById).HasMaxLength(450);
        b.Property(r => r.StartedByName).HasMaxLength(256);
        b.HasIndex(r => r.StartedAt);
        b.HasIndex(r => new { r.Trigger, r.StartedAt });
    }
}

internal sealed class GradeProposalConfiguration : IEntityTypeConfiguration<GradeProposal>
{
    public void Configure(EntityTypeBuilder<GradeProposal> b)
    {
        b.ToTable("GradeProposals");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Criteria).AsCriteriaJson();
        b.Property(p => p.Reason).HasMaxLength(2000);
        b.Property(p => p.DecidedById).HasMaxLength(450);
        b.Property(p => p.DecidedByName).HasMaxLength(256);
        b.HasOne(p => p.Client).WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GradingRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.RunId, p.ClientId });
        // A run's page lists its changes by proposed grade, keyset-paged.
        b.HasIndex(p => new { p.RunId, p.ProposedGrade, p.Id });
        // The review list and the supersede step look for a client's pending proposal.
        b.HasIndex(p => new { p.ClientId, p.State });
        // Pending proposals, oldest first (keyset on CreatedAt, Id).
        b.HasIndex(p => new { p.CreatedAt, p.Id }).HasFilter($"\"State\" = {(int)ProposalState.Pending}").HasDatabaseName("IX_GradeProposals_Pending");
    }
}

internal sealed class GradeChangeConfiguration : IEntityTypeConfiguration<GradeChange>
{
    public void Configure(EntityTypeBuilder<GradeChange> b)
    {
        b.ToTable("GradeChanges");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Criteria).AsCriteriaJson();
        b.Property(c => c.Reason).HasMaxLength(2000);
        b.Property(c => c.ById).HasMaxLength(450).IsRequired();
        b.Property(c => c.ByName).HasMaxLength(256).IsRequired();
        b.HasIndex(c => new { c.ClientId, c.At });
    }
}
