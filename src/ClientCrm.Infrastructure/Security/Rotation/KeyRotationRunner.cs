using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Infrastructure.Security.Rotation;

/// <summary>
/// Starts key rotations and runs them to the end in batches (docs/architecture.md, "Key rotation"). Started from the
/// leaders' page /Settings/Keys or the <c>rotate-keys</c> command; run by <see cref="KeyRotationJob"/> (one instance at a
/// time, Quartz's clustered store) or by the command in the foreground. Each batch is one transaction under the
/// advisory lock <see cref="AdvisoryLocks.KeyRotation"/>: it rewrites its rows and adds to its step's progress together,
/// so a run cut off anywhere (a crash, a cancelled command, a redeploy) loses at most one uncommitted batch and the
/// next run resumes where the data says.
/// </summary>
public sealed partial class KeyRotationRunner(CrmDbContextFactory contexts, KeyRing ring, IEnumerable<IReencryptionSource> sources,
    IFieldCipher cipher, IBlindIndexer indexer, TimeProvider time, IConfiguration configuration, ILogger<KeyRotationRunner> log)
{
    private readonly IReadOnlyList<IReencryptionSource> _sources = sources.ToList();

    /// <summary>Rows per batch (<c>Crm:Keys:BatchSize</c>): short transactions, so users' saves wait at most a moment.</summary>
    public int BatchSize { get; } = Math.Max(1, configuration.GetValue("Crm:Keys:BatchSize", 500));

    /// <summary>
    /// How long after a start the batches wait (<c>Crm:Keys:ReloadGraceSeconds</c>), so every instance has reloaded the
    /// key file (<see cref="KeyFileWatcher.Interval"/>) before rows are passed: a save by an instance still on the old key
    /// after that would otherwise be left behind.
    /// </summary>
    public TimeSpan ReloadGrace { get; } = TimeSpan.FromSeconds(configuration.GetValue("Crm:Keys:ReloadGraceSeconds", 30));

    public IReadOnlyList<string> SourceNames(KeyRotationKind kind, CrmDbContext db) => kind == KeyRotationKind.Encryption
        ? _sources.Select(s => s.Name).ToList()
        : BlindIndexTable.All(db.Model).Select(t => t.Name).ToList();

    /// <summary>
    /// Writes a new key to the key file, reloads, and records the rotation; the job (or the command) then runs it.
    /// An encryption rotation supersedes one still running (its rows are simply re-encrypted under the newer key); a
    /// blind-index rotation waits for the previous one, because the ring keeps one previous blind-index key.
    /// </summary>
    /// <exception cref="DomainException">Keys come from configuration, or a blind-index rotation still runs.</exception>
    public async Task<KeyRotation> StartAsync(KeyRotationKind kind, string startedBy, CancellationToken ct)
    {
        // Keys from configuration: the operator has put the new key in place (active key, or blind-index key with the
        // previous one as Encryption:PreviousBlindIndexKey) and restarted; the rotation then only rewrites the data.
        var path = ring.CanRotate ? ring.KeyFile : null;
        if (path is null && kind == KeyRotationKind.BlindIndex && !ring.HasPreviousBlindIndexKey)
        {
            throw new DomainException("Keys.NotRotatable",
                "The keys come from configuration (environment variables), not from the key file: add the new key there and restart (docs/operations.md).");
        }

        await using var db = contexts.CreateFor(SystemActor.Instance);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLocks.KeyRotation], ct);
        ring.Reload();
        var now = time.GetUtcNow();
        var running = await db.KeyRotations.Where(r => r.Kind == kind && r.FinishedAt == null).ToListAsync(ct);
        if (kind == KeyRotationKind.BlindIndex)
        {
            if (running.Count > 0)
            {
                throw new DomainException("Keys.BlindIndexRunning", "A blind-index rotation is still running; start the next one when it has finished.");
            }

            // A previous key left in the file without a rotation (a start cut off before its commit) is finished first.
            if (!ring.HasPreviousBlindIndexKey && path is not null)
            {
                KeyFileEditor.RotateBlindIndexKey(path);
                ring.Reload();
            }
        }
        else
        {
            if (path is not null)
            {
                KeyFileEditor.AddActiveKey(path, now);
                ring.Reload();
            }

            running.ForEach(r => r.Supersede(now));
        }

        var rotation = new KeyRotation(kind, kind == KeyRotationKind.Encryption ? ring.ActiveKeyId : ring.BlindIndexKeyId, startedBy, now,
            SourceNames(kind, db));
        db.KeyRotations.Add(rotation);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        LogStarted(log, kind, rotation.TargetKeyId, startedBy);
        return rotation;
    }

    /// <summary>Runs every unfinished rotation to its end, or until <paramref name="ct"/> is cancelled.</summary>
    /// <returns>Whether nothing is left to do (false: waiting for the reload grace, or a key this instance lacks).</returns>
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        ring.Reload();
        List<KeyRotation> open;
        await using (var db = contexts.CreateFor(SystemActor.Instance))
        {
            open = await db.KeyRotations.AsNoTracking().Where(r => r.FinishedAt == null).OrderBy(r => r.Id).ToListAsync(ct);
        }

        var allDone = true;
        foreach (var rotation in open)
        {
            if (time.GetUtcNow() < rotation.StartedAt + ReloadGrace)
            {
                allDone = false;
                continue;
            }

            var target = rotation.Kind == KeyRotationKind.Encryption ? ring.ActiveKeyId : ring.BlindIndexKeyId;
            if (target != rotation.TargetKeyId)
            {
                // The key file here is not the one the rotation was started with (not reloaded yet, or replaced by hand).
                LogKeyMismatch(log, rotation.Id, rotation.TargetKeyId, target);
                allDone = false;
                continue;
            }

            foreach (var step in rotation.Steps.Where(s => s.FinishedAt is null))
            {
                await RunStepAsync(rotation, step.Source, ct);
            }

            await FinishAsync(rotation.Id, ct);
        }

        return allDone;
    }

    private async Task RunStepAsync(KeyRotation rotation, string stepName, CancellationToken ct)
    {
        var source = _sources.FirstOrDefault(s => s.Name == stepName);
        var table = rotation.Kind == KeyRotationKind.BlindIndex ? FindTable(stepName) : null;
        while (true)
        {
            await using var db = contexts.CreateFor(SystemActor.Instance);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLocks.KeyRotation], ct);
            var current = await db.KeyRotations.SingleAsync(r => r.Id == rotation.Id, ct);
            var step = current.Steps.Single(s => s.Source == stepName);
            if (current.IsFinished || step.FinishedAt is not null)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (source is null && table is null)
            {
                // A source removed from the code since the rotation started: nothing left to run it with.
                step.FinishedAt = now;
            }
            else if (step.Total is null)
            {
                step.Total = source is not null ? await source.CountRemainingAsync(db, rotation.TargetKeyId, ct) : await table!.CountAsync(db, ct);
            }
            else if (source is not null)
            {
                var done = await source.ReencryptBatchAsync(db, rotation.TargetKeyId, BatchSize, ct);
                step.Done += done;
                step.FinishedAt = done == 0 ? now : null;
            }
            else
            {
                var (done, last) = await table!.ReindexBatchAsync(db, step.Cursor, BatchSize, cipher, indexer, ct);
                step.Done += done;
                step.Cursor = last ?? step.Cursor;
                step.FinishedAt = done == 0 ? now : null;
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (step.FinishedAt is not null)
            {
                LogStepDone(log, rotation.Id, stepName, step.Done);
                return;
            }
        }
    }

    private async Task FinishAsync(long rotationId, CancellationToken ct)
    {
        await using var db = contexts.CreateFor(SystemActor.Instance);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLocks.KeyRotation], ct);
        var rotation = await db.KeyRotations.SingleAsync(r => r.Id == rotationId, ct);
        if (rotation.IsFinished || rotation.Steps.Any(s => s.FinishedAt is null))
        {
            return;
        }

        if (rotation.Kind == KeyRotationKind.BlindIndex && ring.CanRotate && ring.KeyFile is { } path)
        {
            // Every index is under the new key now: searches stop computing the old one.
            KeyFileEditor.RetirePreviousBlindIndexKey(path);
            ring.Reload();
        }

        rotation.Finish(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        LogFinished(log, rotation.Id, rotation.Kind, rotation.TargetKeyId);
    }

    /// <summary>
    /// Removes a key from the key file once no value uses it (a leaked key after its rotation reached 100%, or an old
    /// one). Checked against the data under the lock, so a value left on it refuses the retirement.
    /// </summary>
    public async Task RetireAsync(string keyId, CancellationToken ct)
    {
        if (!ring.CanRotate || ring.KeyFile is not { } path)
        {
            throw new DomainException("Keys.NotRotatable", "The keys come from configuration, not from the key file.");
        }

        if (keyId == ring.ActiveKeyId || !ring.KeyIds.Contains(keyId))
        {
            throw new DomainException("Keys.NotRetirable", "Only a known key that is not the active one can be retired.");
        }

        if (ring.IsConfigured(keyId))
        {
            throw new DomainException("Keys.ConfiguredKey",
                "This key comes from configuration (environment variables): the operator removes it there and restarts.");
        }

        await using var db = contexts.CreateFor(SystemActor.Instance);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLocks.KeyRotation], ct);
        foreach (var source in _sources)
        {
            if (await source.CountRemainingAsync(db, ring.ActiveKeyId, ct) > 0)
            {
                throw new DomainException("Keys.StillUsed", "Some values are not yet on the active key: let the rotation finish first.");
            }
        }

        KeyFileEditor.RetireKey(path, keyId);
        ring.Reload();
        await tx.CommitAsync(ct);
        LogRetired(log, keyId);
    }

    private BlindIndexTable? FindTable(string name)
    {
        using var db = contexts.CreateFor(SystemActor.Instance);
        return BlindIndexTable.All(db.Model).FirstOrDefault(t => t.Name == name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation ({Kind}) started by {StartedBy}: new key {KeyId}")]
    private static partial void LogStarted(ILogger logger, KeyRotationKind kind, string keyId, string startedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation {Rotation}: {Step} done ({Rows} rows rewritten)")]
    private static partial void LogStepDone(ILogger logger, long rotation, string step, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation {Rotation} ({Kind}) finished: everything is on key {KeyId}")]
    private static partial void LogFinished(ILogger logger, long rotation, KeyRotationKind kind, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {KeyId} retired from the key file")]
    private static partial void LogRetired(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key rotation {Rotation} waits: it targets key {Target} but this instance's key file has {Current}")]
    private static partial void LogKeyMismatch(ILogger logger, long rotation, string target, string current);
}
