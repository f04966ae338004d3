using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Security.Rotation;

public enum KeyRotationKind
{
    /// <summary>A new encryption key made active; every encrypted value re-encrypted under it.</summary>
    Encryption = 1,

    /// <summary>A new blind-index key; every blind index recomputed, then the previous blind-index key retired.</summary>
    BlindIndex = 2,
}

/// <summary>
/// One rotation and its progress per kind of data, written by the rotation job after every batch so the settings page
/// reads a handful of rows instead of counting 100,000 clients per view. The keys themselves never come here: only
/// their ids (encryption) or fingerprints (blind index).
/// </summary>
public sealed class KeyRotation
{
    private KeyRotation() { }

    public KeyRotation(KeyRotationKind kind, string targetKeyId, string startedBy, DateTimeOffset startedAt, IEnumerable<string> sources)
    {
        Kind = kind;
        TargetKeyId = targetKeyId;
        StartedBy = startedBy;
        StartedAt = startedAt;
        Steps = sources.Select(s => new KeyRotationStep { Source = s }).ToList();
    }

    public long Id { get; private set; }
    public KeyRotationKind Kind { get; private set; }

    /// <summary>The key id made active (encryption) or the new blind-index key's fingerprint.</summary>
    public string TargetKeyId { get; private set; } = "";

    public string StartedBy { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Set when a newer rotation of the same kind took over before this one ended.</summary>
    public bool Superseded { get; private set; }

    public List<KeyRotationStep> Steps { get; private set; } = [];

    public bool IsFinished => FinishedAt is not null;

    public void Finish(DateTimeOffset at) => FinishedAt ??= at;

    public void Supersede(DateTimeOffset at)
    {
        Superseded = true;
        Finish(at);
    }
}

/// <summary>One kind of data in a rotation: how many rows it had left when it started, how many it has done.</summary>
public sealed class KeyRotationStep
{
    public string Source { get; set; } = "";

    /// <summary>Rows to do, counted once when the step starts; null until then.</summary>
    public long? Total { get; set; }

    public long Done { get; set; }

    /// <summary>Blind-index steps: the last row id re-indexed (keyset), so a cut-off run resumes after it.</summary>
    public Guid? Cursor { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>0–100; rows rewritten meanwhile by an instance still on the old key may push Done past Total.</summary>
    public int Percent => FinishedAt is not null ? 100 : Total is null or 0 ? 0 : (int)Math.Min(99, Done * 100 / Total.Value);
}

internal sealed class KeyRotationConfiguration : IEntityTypeConfiguration<KeyRotation>
{
    public void Configure(EntityTypeBuilder<KeyRotation> b)
    {
        b.ToTable("KeyRotations");
        b.HasKey(r => r.Id);
        b.Property(r => r.TargetKeyId).HasMaxLength(KeyRing.MaxKeyIdLength);
        b.Property(r => r.StartedBy).HasMaxLength(256);
        b.Ignore(r => r.IsFinished);
        // The page and the job read the latest rotations of each kind.
        b.HasIndex(r => new { r.Kind, r.Id });
        b.OwnsMany(r => r.Steps, s =>
        {
            s.ToTable("KeyRotationSteps");
            s.WithOwner().HasForeignKey("RotationId");
            s.HasKey("RotationId", nameof(KeyRotationStep.Source));
            s.Property(x => x.Source).HasMaxLength(64);
            s.Ignore(x => x.Percent);
        });
    }
}
