using ClientCrm.Infrastructure.Clients;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>
/// The warning engine (SPEC §7). One pass counts the figures of every client in one query, runs the pure
/// <see cref="WarningRules"/> in memory, compares what holds with the warnings it already keeps, and writes only the
/// differences in bulk: new warnings (with their timeline line and notifications), refreshed figures, "condition cleared"
/// marks and their return, each pointing at the record that caused it (<see cref="WarningSources"/>). A company-wide run
/// also escalates warnings nobody acknowledged in time. Every pass holds the engine's advisory lock, so app instances never
/// run it side by side.
/// </summary>
/// <remarks>
/// The engine keeps at most one open warning per client and rule. A rule warning is closed only once its condition no longer
/// holds (<see cref="Warning.Resolve"/>, <see cref="Warning.Dismiss"/>), so a rule that holds with no open warning is a new
/// occurrence, or a warning closed before that check existed: either way a new warning is raised, and the warning column
/// never says nothing is open while the cause lasts.
/// </remarks>
public sealed partial class WarningEngine(CrmDbContext db, Notifier notifier, BusinessClock clock, SummaryVersion summaries, CacheVersionsInterceptor versions,
    OutboxWriter outbox, ILogger<WarningEngine> log)
{
    /// <summary>
    /// A company-wide run, on demand (leaders) or by the schedule (<see cref="Jobs.WarningRunJob"/>). The schedule is the
    /// job's trigger, fired once across instances by the clustered job store; the lock only keeps passes from overlapping.
    /// </summary>
    public async Task<WarningRun> RunAsync(WarningRunTrigger trigger, CancellationToken ct = default)
    {
        var actor = db.Actor;
        if (trigger == WarningRunTrigger.OnDemand && actor.Scope.Level != ScopeLevel.All)
        {
            throw new DomainException("Warnings.RunNotAllowed", "Only leaders run the warning engine on demand.");
        }

        await using var tx = await BeginLockedAsync(ct);
        var settings = (await db.WarningSettings.AsNoTracking().SingleAsync(ct)).Thresholds;
        var started = clock.UtcNow;
        var run = new WarningRun(trigger, actor.UserId, actor.UserName, started);
        db.WarningRuns.Add(run);
        var counts = await PassAsync(clientId: null, settings, started, ct);
        var escalated = await EscalateAsync(settings, started, ct);
        counts = counts with { Escalated = escalated };
        run.Finish(counts, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Warnings were written set-based, past the change tracker: the kept counts must look again.
        summaries.Bump();
        LogRun(log, run.Id, trigger, counts.Assessed, counts.Raised, counts.Refreshed, counts.Cleared, counts.Returned, counts.Escalated,
            (clock.UtcNow - started).TotalMilliseconds);
        return run;
    }

    /// <summary>
    /// Looks at one client again right after data a rule reads changed (an incident saved, a status changed), so its
    /// warning column is current without waiting for the schedule. Escalation is left to the company-wide runs.
    /// </summary>
    /// <remarks>
    /// The outbox's handler (<see cref="ClientWarningCheck"/>) calls this inside its delivery's transaction: the pass joins it, so
    /// the warnings it writes and the record that the change was looked at commit together.
    /// </remarks>
    public async Task<WarningRunCounts> RunForClientAsync(Guid clientId, CancellationToken ct = default)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await LockAsync(ct);
        var settings = (await db.WarningSettings.AsNoTracking().SingleAsync(ct)).Thresholds;
        var counts = await PassAsync(clientId, settings, clock.UtcNow, ct);
        if (own is null)
        {
            // Written past the change tracker, in a transaction that commits later: the kept counts look again after it does.
            versions.WrotePastTracker(db);
            return counts;
        }

        await own.CommitAsync(ct);
        summaries.Bump();
        return counts;
    }

    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginLockedAsync(CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        return tx;
    }

    private async Task LockAsync(CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLocks.WarningEngine], ct);
        await db.Database.ExecuteSqlRawAsync(PostgresConnectionSettings.RunSession, ct);
    }

    private async Task<WarningRunCounts> PassAsync(Guid? clientId, WarningThresholds settings, DateTimeOffset now, CancellationToken ct)
    {
        // The rules' windows count in the company's days.
        var today = clock.DateOf(now);
        // The engine works for the company, not for the person whose save triggered it.
        var warnings = db.Warnings.IgnoreQueryFilters().AsNoTracking().Where(w => w.Rule != null).WhereOpen();
        var clients = db.Clients.IgnoreQueryFilters().AsNoTracking();
        if (clientId is { } id)
        {
            warnings = warnings.Where(w => w.ClientId == id);
            clients = clients.Where(c => c.Id == id);
        }

        // The engine keeps one open warning per client and rule (a unique index says so too). Should a second ever get in (a
        // restore, a hand-made fix), the newest counts, so one stray row cannot stop every run.
        var kept = (await warnings
                .OrderByDescending(w => w.RaisedAt)
                .Select(w => new KeptWarning(w.Id, w.ClientId, w.Rule!.Value, w.Evidence, w.ConditionClearedAt, w.SourceKind))
                .ToListAsync(ct))
            .GroupBy(w => (w.ClientId, w.Rule))
            .ToDictionary(g => g.Key, g => g.First());

        var found = new List<(RuleFinding Finding, WarningFactsRow Client)>();
        var changed = new List<Changed>();
        // Open warnings raised before they carried a source get one, once; nothing else about them changes.
        var unpointed = new List<(Guid Id, Guid ClientId, WarningRule Rule)>();
        var assessed = 0;
        await foreach (var row in WarningFactsQuery.For(db, clients, today, settings).AsAsyncEnumerable().WithCancellation(ct))
        {
            assessed++;
            foreach (var finding in WarningRules.Evaluate(row.ToFacts(), settings, today))
            {
                if (!kept.Remove((row.ClientId, finding.Rule), out var current))
                {
                    found.Add((finding, row));
                }
                else if (current.ClearedAt is not null)
                {
                    changed.Add(new(current.Id, row.ClientId, finding.Rule, finding.Evidence, WarningEventKind.ConditionReturned));
                }
                else if (!WarningEvidence.Same(current.Evidence, finding.Evidence))
                {
                    changed.Add(new(current.Id, row.ClientId, finding.Rule, finding.Evidence, WarningEventKind.EvidenceRefreshed));
                }
                else if (current.SourceKind is null)
                {
                    unpointed.Add((current.Id, row.ClientId, finding.Rule));
                }
            }
        }

        // What is left no longer holds.
        var cleared = kept.Values.Where(w => w.ClearedAt is null).Select(w => w.Id).ToArray();

        // Only what is written points at its cause: the sources are looked up for these clients alone.
        var sources = await WarningSources.FindAsync(db,
            found.Select(f => (f.Client.ClientId, f.Finding.Rule)).Concat(changed.Select(c => (c.ClientId, c.Rule)))
                .Concat(unpointed.Select(u => (u.ClientId, u.Rule))).ToList(),
            today, settings, ct);
        var raised = found
            .Select(f => (Warning: Warning.Raise(f.Client.ClientId, f.Client.Grade, f.Finding, sources.GetValueOrDefault((f.Client.ClientId, f.Finding.Rule)), now),
                Client: f.Client))
            .ToList();

        await InsertWarningsAsync(raised.Select(r => r.Warning).ToList(), ct);
        await UpdateEvidenceAsync(changed, sources, now, ct);
        await PointAsync(unpointed, sources, ct);
        await MarkClearedAsync(cleared, now, ct);
        var events = raised.SelectMany(r => r.Warning.Events)
            .Concat(changed.Select(c => new WarningEvent(c.Id, c.Kind, now, null, null, EvidenceColumn.Serialize(c.Evidence))))
            .Concat(cleared.Select(c => new WarningEvent(c, WarningEventKind.ConditionCleared, now, null, null, null)))
            .ToList();
        await InsertEventsAsync(events, ct);
        await NotifyRaisedAsync(raised, now, ct);
        // Written in bulk, past the interceptor that takes tracked entities' events: handed to the outbox here.
        await outbox.CopyAsync(db, raised.SelectMany(r => r.Warning.DomainEvents), ct);

        return new WarningRunCounts(assessed, raised.Count,
            changed.Count(c => c.Kind == WarningEventKind.EvidenceRefreshed), cleared.Length,
            changed.Count(c => c.Kind == WarningEventKind.ConditionReturned), Escalated: 0);
    }

    private async Task NotifyRaisedAsync(List<(Warning Warning, WarningFactsRow Client)> raised, DateTimeOffset now, CancellationToken ct)
    {
        if (raised.Count == 0)
        {
            return;
        }

        var leaders = await notifier.LeaderIdsAsync(ct);
        var heads = await notifier.DepartmentHeadIdsAsync(ct);
        await notifier.SendManyAsync(raised
            .SelectMany(r => WarningNotices.ForNewWarning(WarningNotices.Subject(r.Warning, r.Client.Name, r.Client.ChineseName), r.Warning.Severity,
                heads[r.Client.DepartmentId], leaders, r.Client.OwnerId, filerId: null, now))
            .ToList(), ct);
    }

    /// <summary>SPEC §7: open warnings nobody acknowledged within the deadline go to the leaders, once each.</summary>
    private async Task<int> EscalateAsync(WarningThresholds settings, DateTimeOffset now, CancellationToken ct)
    {
        // The rule is the review table's (Warning.DueForEscalation), used here as a query, not written again in SQL.
        var due = Warning.DueForEscalation(Warning.EscalationCutoff(now, settings.EscalateAfterDays));
        var warnings = db.Warnings.IgnoreQueryFilters();
        var escalated = await warnings.AsNoTracking().Where(due)
            .Select(w => new EscalatedWarning(w.Id, w.Rule, w.Summary, w.Client!.Name, w.Client.ChineseName))
            .ToListAsync(ct);
        if (escalated.Count == 0)
        {
            return 0;
        }

        // The update asks the rule again, row by row: a warning acknowledged since it was read is not escalated.
        var ids = escalated.Select(e => e.Id).ToArray();
        var updated = await warnings.Where(w => ids.Contains(w.Id)).Where(due)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.EscalatedAt, now).SetProperty(w => w.UpdatedAt, now), ct);
        if (updated != escalated.Count)
        {
            // They were all unmarked when read, and only this engine marks (under its lock): the marked ones are this run's.
            var marked = (await warnings.Where(w => ids.Contains(w.Id) && w.EscalatedAt != null).Select(w => w.Id).ToListAsync(ct)).ToHashSet();
            escalated = escalated.Where(e => marked.Contains(e.Id)).ToList();
        }

        await InsertEventsAsync(escalated.Select(e => new WarningEvent(e.Id, WarningEventKind.Escalated, now, null, null, null)).ToList(), ct);
        var leaders = await notifier.LeaderIdsAsync(ct);
        await notifier.SendManyAsync(escalated
            .SelectMany(e => leaders.Select(l => Notification.About(l, NotificationKind.WarningEscalated,
                new NotificationSubject(e.Id, e.Name, e.ChineseName, e.Rule, e.Rule is null ? e.Summary : null), now)))
            .ToList(), ct);
        return escalated.Count;
    }

    private async Task InsertWarningsAsync(List<Warning> warnings, CancellationToken ct)
    {
        if (warnings.Count == 0)
        {
            return;
        }

        await using var writer = await Connection.BeginBinaryImportAsync(
            """
            COPY "Warnings" ("Id", "ClientId", "Family", "Rule", "Severity", "State", "Evidence", "SourceKind", "SourceProjectId", "SourceRecordId",
                "RaisedAt", "EvidenceAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var w in warnings)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(w.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(w.ClientId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync((int)w.Family, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)w.Rule!.Value, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)w.Severity, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)w.State, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(EvidenceColumn.Serialize(w.Evidence), NpgsqlDbType.Jsonb, ct);
            await WriteNullableAsync(writer, w.SourceKind is { } kind ? (int)kind : (int?)null, NpgsqlDbType.Integer, ct);
            await WriteNullableAsync(writer, w.SourceProjectId, NpgsqlDbType.Uuid, ct);
            await WriteNullableAsync(writer, w.SourceRecordId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(w.RaisedAt, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(w.EvidenceAt!.Value, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(w.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
        }

        await writer.CompleteAsync(ct);
    }

    private async Task InsertEventsAsync(List<WarningEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var writer = await Connection.BeginBinaryImportAsync(
            """COPY "WarningEvents" ("Id", "WarningId", "Kind", "At", "Text") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var e in events)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(e.WarningId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync((int)e.Kind, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(e.At, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(e.Text, NpgsqlDbType.Varchar, ct);
        }

        await writer.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, type, ct);
        }
        else
        {
            await writer.WriteNullAsync(ct);
        }
    }

    /// <summary>New figures, the cleared mark removed, and the source moved to the record behind the figures now.</summary>
    private async Task UpdateEvidenceAsync(List<Changed> changed, Dictionary<(Guid ClientId, WarningRule Rule), WarningSource> sources, DateTimeOffset now,
        CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var source = changed.Select(c => sources.GetValueOrDefault((c.ClientId, c.Rule))).ToList();
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE "Warnings" AS w SET "Evidence" = v.evidence::jsonb, "EvidenceAt" = @now, "ConditionClearedAt" = NULL, "UpdatedAt" = @now,
                "SourceKind" = v.kind, "SourceProjectId" = v.project, "SourceRecordId" = v.record
            FROM unnest(@ids, @evidence, @kinds, @projects, @records) AS v(id, evidence, kind, project, record)
            WHERE w."Id" = v.id
            """,
            [
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("ids", changed.Select(c => c.Id).ToArray()),
                new NpgsqlParameter("evidence", changed.Select(c => EvidenceColumn.Serialize(c.Evidence)).ToArray()),
                new NpgsqlParameter("kinds", source.Select(s => s is null ? (int?)null : (int)s.Kind).ToArray()),
                new NpgsqlParameter("projects", source.Select(s => s?.ProjectId).ToArray()),
                new NpgsqlParameter("records", source.Select(s => s?.RecordId).ToArray()),
            ],
            ct);
    }

    /// <summary>Gives open warnings that predate sources the record behind their figures, without touching anything else.</summary>
    private async Task PointAsync(List<(Guid Id, Guid ClientId, WarningRule Rule)> unpointed, Dictionary<(Guid ClientId, WarningRule Rule), WarningSource> sources, CancellationToken ct)
    {
        var found = unpointed.Select(w => (w.Id, Source: sources.GetValueOrDefault((w.ClientId, w.Rule)))).Where(w => w.Source is not null).ToList();
        if (found.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE "Warnings" AS w SET "SourceKind" = v.kind, "SourceProjectId" = v.project, "SourceRecordId" = v.record
            FROM unnest(@ids, @kinds, @projects, @records) AS v(id, kind, project, record)
            WHERE w."Id" = v.id
            """,
            [
                new NpgsqlParameter("ids", found.Select(w => w.Id).ToArray()),
                new NpgsqlParameter("kinds", found.Select(w => (int)w.Source!.Kind).ToArray()),
                new NpgsqlParameter("projects", found.Select(w => w.Source!.ProjectId).ToArray()),
                new NpgsqlParameter("records", found.Select(w => w.Source!.RecordId).ToArray()),
            ],
            ct);
    }

    private async Task MarkClearedAsync(Guid[] ids, DateTimeOffset now, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """UPDATE "Warnings" SET "ConditionClearedAt" = @now, "UpdatedAt" = @now WHERE "Id" = ANY(@ids)""",
            [new NpgsqlParameter("now", now), new NpgsqlParameter("ids", ids)],
            ct);
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    private sealed record KeptWarning(Guid Id, Guid ClientId, WarningRule Rule, IReadOnlyList<WarningFigure> Evidence, DateTimeOffset? ClearedAt,
        WarningSourceKind? SourceKind);

    private sealed record Changed(Guid Id, Guid ClientId, WarningRule Rule, IReadOnlyList<WarningFigure> Evidence, WarningEventKind Kind);

    private sealed record EscalatedWarning(Guid Id, WarningRule? Rule, string? Summary, string Name, string? ChineseName);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Warning run {RunId} ({Trigger}): {Assessed} clients, {Raised} raised, {Refreshed} refreshed, {Cleared} cleared, {Returned} returned, {Escalated} escalated in {Milliseconds:0} ms")]
    private static partial void LogRun(ILogger logger, Guid runId, WarningRunTrigger trigger, int assessed, int raised, int refreshed, int cleared,
        int returned, int escalated, double milliseconds);
}
