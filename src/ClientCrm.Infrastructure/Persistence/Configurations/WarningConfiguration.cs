using ClientCrm.Infrastructure.Warnings;
using System.Text.Json;
using ClientCrm.Domain.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

/// <summary>A warning's figures are stored as JSON: shown with the warning and compared whole by the engine, never queried into.</summary>
internal static class EvidenceColumn
{
    public static string Serialize(IReadOnlyList<WarningFigure> evidence) => JsonSerializer.Serialize(evidence);

    public static IReadOnlyList<WarningFigure> Deserialize(string json) => JsonSerializer.Deserialize<List<WarningFigure>>(json) ?? [];

    public static PropertyBuilder<IReadOnlyList<WarningFigure>> AsEvidenceJson(this PropertyBuilder<IReadOnlyList<WarningFigure>> property)
    {
        var converter = new ValueConverter<IReadOnlyList<WarningFigure>, string>(v => Serialize(v), v => Deserialize(v));
        var comparer = new ValueComparer<IReadOnlyList<WarningFigure>>(
            (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, f) => HashCode.Combine(h, f.GetHashCode())), v => v.ToList());
        return property.HasConversion(converter, comparer).HasColumnType("jsonb").IsRequired();
    }
}

internal sealed class WarningConfiguration : IEntityTypeConfiguration<Warning>
{
    public void Configure(EntityTypeBuilder<Warning> b)
    {
        b.ToTable("Warnings");
        b.Property(w => w.Id).ValueGeneratedNever();
        b.Property(w => w.Summary).HasMaxLength(Warning.MaxSummaryLength);
        b.Property(w => w.Report).HasMaxLength(Warning.MaxTextLength);
        b.Property(w => w.Actions).HasMaxLength(Warning.MaxTextLength);
        b.Property(w => w.Cause).HasMaxLength(Warning.MaxTextLength);
        b.Property(w => w.Measures).HasMaxLength(Warning.MaxTextLength);
        b.Property(w => w.DismissReason).HasMaxLength(Warning.MaxTextLength);
        b.Property(w => w.RaisedById).HasMaxLength(450);
        b.Property(w => w.RaisedByName).HasMaxLength(256);
        b.Property(w => w.Evidence).AsEvidenceJson();
        b.Property(w => w.Version).IsRowVersion();
        b.HasOne(w => w.Client).WithMany().HasForeignKey(w => w.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(w => w.Events).WithOne(e => e.Warning).HasForeignKey(e => e.WarningId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(w => w.IsClosed);
        // The source is three plain columns (kind, project, record), set by the engine's COPY and UPDATE; Source composes them.
        b.Ignore(w => w.Source);

        // SPEC §7: one open warning per client and rule. The engine keeps to it under its lock; the index makes it a fact.
        b.HasIndex(w => new { w.ClientId, w.Rule }).IsUnique()
            .HasFilter("\"Rule\" IS NOT NULL AND " + OpenWarnings.StateSql)
            .HasDatabaseName("IX_Warnings_OneOpenPerClientAndRule");
        // The warning column and the client page read a client's open warnings.
        b.HasIndex(w => new { w.ClientId, w.State });
        // The escalation step reads the unacknowledged warnings raised before a cutoff.
        b.HasIndex(w => new { w.State, w.RaisedAt, w.Id });
        // The lists put the most urgent first: by severity, then the earliest raised (due), each severity one range of
        // (Severity, RaisedAt, Id): the review queue and one-state lists after the state, the default list (every open
        // state) in a partial index, the list of all states in a plain one.
        b.HasIndex(w => new { w.State, w.Severity, w.RaisedAt, w.Id });
        b.HasIndex(w => new { w.Severity, w.RaisedAt, w.Id }, "IX_Warnings_Severity_RaisedAt_Id");
        b.HasIndex(w => new { w.Severity, w.RaisedAt, w.Id }, "IX_Warnings_Open_Severity_RaisedAt").HasFilter(OpenWarnings.StateSql);
        // The to-do lists read the open warnings the earliest raised first: a head's through the department's clients, a
        // leader's those escalated (issue 12).
        b.HasIndex(w => new { w.RaisedAt, w.Id }, "IX_Warnings_Open_RaisedAt").HasFilter(OpenWarnings.StateSql);
        // A leader's escalated ones on their own: few among tens of thousands open, so the range above would be read whole.
        b.HasIndex(w => new { w.RaisedAt, w.Id }, "IX_Warnings_Escalated_RaisedAt").HasFilter(OpenWarnings.StateSql + " AND \"EscalatedAt\" IS NOT NULL");
        // A head's to-do: the department's open ones, the oldest first, on the rows' copy of the client's department.
        ClientScopeCopy.Configure(b);
        b.HasIndex([ClientScopeCopy.DepartmentColumn, nameof(Warning.RaisedAt), nameof(Warning.Id)], "IX_Warnings_Open_Department_RaisedAt").HasFilter(OpenWarnings.StateSql);
    }
}

internal sealed class WarningEventConfiguration : IEntityTypeConfiguration<WarningEvent>
{
    public void Configure(EntityTypeBuilder<WarningEvent> b)
    {
        b.ToTable("WarningEvents");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Text).HasMaxLength(Warning.MaxTextLength);
        b.HasIndex(e => new { e.WarningId, e.At });
    }
}

internal sealed class WarningSettingsConfiguration : IEntityTypeConfiguration<WarningSettings>
{
    public void Configure(EntityTypeBuilder<WarningSettings> b)
    {
        b.ToTable("WarningSettings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Version).IsRowVersion();
        b.Ignore(s => s.Thresholds);
        var d = WarningThresholds.Default;
        b.HasData(new
        {
            Id = WarningSettings.SingletonId, d.DemandDropPercent, d.DemandDropMinPrevious, d.NoNewBatchDaysA, d.NoNewBatchDaysB,
            d.LaborDisputesMin, d.LaborDisputesDays, d.RepatriatedMinWorkers, d.RepatriatedMinPercent, d.RepatriatedDays,
            d.EscalateAfterDays, d.RunEveryMinutes,
            UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });
    }
}

internal sealed class WarningRunConfiguration : IEntityTypeConfiguration<WarningRun>
{
    public void Configure(EntityTypeBuilder<WarningRun> b)
    {
        b.ToTable("WarningRuns");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.StartedById).HasMaxLength(450);
        b.Property(r => r.StartedByName).HasMaxLength(256);
        b.HasIndex(r => r.StartedAt);
    }
}
