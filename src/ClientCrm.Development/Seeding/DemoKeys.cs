using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using ClientCrm.Infrastructure.Security.Rotation;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo's /Settings/Keys: one finished rotation of the encryption key onto the key the demo runs with, three days
/// ago, so the page shows what a finished rotation looks like (every kind of data at 100%) before anyone starts one.
/// The counts are the demo's own rows; no data is rewritten and the key file is not touched.
/// </summary>
internal static class DemoKeys
{
    /// <summary>A key id that never existed: every stored ciphertext counts as "not under it", i.e. every encrypted row.</summary>
    private const string NoKey = "demo-none";

    public static async Task SeedAsync(CrmDbContext db, BusinessClock clock, KeyRing ring, IEnumerable<IReencryptionSource> sources,
        CancellationToken ct)
    {
        var started = clock.UtcNow.AddDays(-3);
        var all = sources.ToList();
        var rotation = new KeyRotation(KeyRotationKind.Encryption, ring.ActiveKeyId, "leader", started, all.Select(s => s.Name));
        foreach (var source in all)
        {
            var step = rotation.Steps.Single(s => s.Source == source.Name);
            step.Total = step.Done = await source.CountRemainingAsync(db, NoKey, ct);
            step.FinishedAt = started.AddMinutes(2);
        }

        rotation.Finish(started.AddMinutes(2));
        db.KeyRotations.Add(rotation);
        await db.SaveChangesAsync(ct);
    }
}
