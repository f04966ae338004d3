using ClientCrm.Infrastructure.Clients;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ClientCrm.Infrastructure.Grading;

/// <summary>
/// The regrade run (SPEC §4): assesses every client in the actor's scope in one pass — one aggregate query, the
/// pure <see cref="GradingEngine"/> in memory, one bulk insert of the changes — and leaves the changes as pending
/// proposals for department heads and leaders. Company-wide runs also refresh the Pareto and lifecycle classes.
/// </summary>
public sealed partial class RegradeService(CrmDbContext db, BusinessClock clock, SummaryVersion version, ILogger<RegradeService> log)
{
    /// <summary>
    /// Runs now. A scheduled run first checks, under the lock, that no scheduled run has happened this quarter, so
    /// several instances polling at once run it once; it then returns null.
    /// </summary>
    public async Task<GradingRun?> RunAsync(GradingTrigger trigger, CancellationToken ct = default)
    {
        var actor = db.Actor;
        if (actor.Scope.Level is not (ScopeLevel.All or ScopeLevel.Department))
        {
            throw new DomainException("Grading.RunNotAllowed", "Only leaders and department heads run a regrade.");
        }

        var started = clock.UtcNow;
        // The windows ("the last 12 months" and the years before) count in the company's days.
        var today = clock.DateOf(started);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLocks.Regrade], ct);
        await db.Database.ExecuteSqlRawAsync(PostgresConnectionSettings.RunSession, ct);

        if (trigger == GradingTrigger.Scheduled && !await ScheduledRunDueAsync(started, ct))
        {
            return null;
        }

        var thresholds = await db.GradingThresholdsAsync(ct);
        var run = new GradingRun(trigger, actor.Scope, actor.UserId, actor.UserName, started);
        db.GradingRuns.Add(run);
        await db.SaveChangesAsync(ct);

        // Figures of an older run are out of date once this one has looked again.
        await db.GradeProposals.Where(p => p.State == ProposalState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ProposalState.Superseded), ct);

        var proposals = new List<GradeProposal>();
        var classes = new List<ClassesSeen>();
        var assessed = 0;
        await foreach (var row in GradingFactsQuery.For(db, db.Clients.AsNoTracking(), today).AsAsyncEnumerable().WithCancellation(ct))
        {
            assessed++;
            var facts = row.ToFacts();
            // The figures are written only for the clients whose grade changes (most keep theirs).
            if (GradingEngine.GradeOf(facts, thresholds) != row.Grade)
            {
                proposals.Add(new GradeProposal(run.Id, row.ClientId, row.Grade, GradingEngine.Assess(facts, thresholds), started));
            }

            classes.Add(new ClassesSeen(row.ClientId, row.Amount12, row.StoredAmount12, row.ParetoClass, row.LifecycleStage,
                SecondaryClasses.Lifecycle(facts.BatchesByYear)));
        }

        await InsertAsync(proposals, ct);
        var reclassified = await RefreshClassesAsync(classes, thresholds, companyWide: actor.Scope.Level == ScopeLevel.All, ct);

        run.Finish(assessed, proposals.Count, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Proposals and classes were written set-based, past the change tracker: the summaries must look again.
        version.Bump();
        LogRun(log, run.Id, trigger, assessed, proposals.Count, reclassified, (clock.UtcNow - started).TotalMilliseconds);
        return run;
    }

    /// <summary>
    /// Quarterly schedule: due when no scheduled run has started since the first day of the current quarter, in the
    /// company's zone.
    /// </summary>
    public async Task<bool> ScheduledRunDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var quarterStart = QuarterStart(now, clock);
        return !await db.GradingRuns.AnyAsync(r => r.Trigger == GradingTrigger.Scheduled && r.StartedAt >= quarterStart, ct);
    }

    /// <summary>The instant (UTC) the company's quarter containing <paramref name="now"/> began: 00:00 on 1 Jan/Apr/Jul/Oct there.</summary>
    public static DateTimeOffset QuarterStart(DateTimeOffset now, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var day = clock.DateOf(now);
        return clock.StartOf(new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1));
    }

    // A run can find tens of thousands of changes; binary COPY writes them in one round trip, in the run's transaction.
    private async Task InsertAsync(List<GradeProposal> proposals, CancellationToken ct)
    {
        if (proposals.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "GradeProposals" ("Id", "RunId", "ClientId", "FromGrade", "ProposedGrade", "Criteria", "State", "CreatedAt") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var p in proposals)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(p.RunId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(p.ClientId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync((int)p.FromGrade, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)p.ProposedGrade, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(CriteriaColumn.Serialize(p.Criteria), NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync((int)p.State, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>
    /// Writes the lifecycle stage and the 12-month amount of every client assessed, and — only when the run saw the
    /// whole company, since the ranking needs every client — the Pareto class. Only rows that changed are written.
    /// </summary>
    private async Task<int> RefreshClassesAsync(List<ClassesSeen> clients, GradingThresholds thresholds, bool companyWide, CancellationToken ct)
    {
        var pareto = new Dictionary<Guid, ParetoClass>();
        if (companyWide)
        {
            var total = clients.Sum(c => c.Amount12);
            var above = 0m;
            foreach (var c in clients.OrderByDescending(c => c.Amount12).ThenBy(c => c.Id))
            {
                pareto[c.Id] = SecondaryClasses.Pareto(c.Amount12, above, total, thresholds);
                above += c.Amount12;
            }
        }

        var changed = clients
            .Select(c => (c.Id, Pareto: companyWide ? pareto[c.Id] : c.Pareto, c.Now, c.Amount12,
                Differs: c.Was != c.Now || c.StoredAmount12 != c.Amount12 || (companyWide && c.Pareto != pareto[c.Id])))
            .Where(c => c.Differs)
            .ToList();
        if (changed.Count == 0)
        {
            return 0;
        }

        // Derived classes, not data anyone enters: written straight, outside the audit log.
        return await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "ClientClasses" ("ClientId", "ParetoClass", "LifecycleStage", "AmountCny12")
            SELECT id, pareto, stage, amount FROM unnest(@ids, @pareto, @stage, @amount) AS v(id, pareto, stage, amount)
            ON CONFLICT ("ClientId") DO UPDATE
                SET "ParetoClass" = excluded."ParetoClass", "LifecycleStage" = excluded."LifecycleStage", "AmountCny12" = excluded."AmountCny12"
            """,
            [
                new NpgsqlParameter("ids", changed.Select(c => c.Id).ToArray()),
                new NpgsqlParameter("pareto", changed.Select(c => (int?)c.Pareto).ToArray()),
                new NpgsqlParameter("stage", changed.Select(c => (int?)c.Now).ToArray()),
                new NpgsqlParameter("amount", changed.Select(c => c.Amount12).ToArray()),
            ],
            ct);
    }

    private sealed record ClassesSeen(Guid Id, decimal Amount12, decimal? StoredAmount12, ParetoClass? Pareto, LifecycleStage? Was, LifecycleStage? Now);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Regrade run {RunId} ({Trigger}): {Assessed} clients assessed, {Proposed} changes proposed, {Reclassified} reclassified in {Milliseconds:0} ms")]
    private static partial void LogRun(ILogger logger, Guid runId, GradingTrigger trigger, int assessed, int proposed, int reclassified, double milliseconds);
}
