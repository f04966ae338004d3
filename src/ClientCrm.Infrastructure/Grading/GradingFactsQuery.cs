using ClientCrm.Domain.Complaints;
using ClientCrm.Infrastructure.Warnings;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Grading;

/// <summary>One client's grading figures as the database aggregates them (one row per client, one query for all).</summary>
public sealed class GradingFactsRow
{
    public Guid ClientId { get; init; }
    public ClientGrade Grade { get; init; }
    public ParetoClass? ParetoClass { get; init; }
    public LifecycleStage? LifecycleStage { get; init; }

    /// <summary>The amount stored with the classes by the last run (what the class report shows).</summary>
    public decimal? StoredAmount12 { get; init; }
    public ClientStatus Status { get; init; }
    public CreditRating CreditRating { get; init; }
    public OperatingStatus OperatingStatus { get; init; }
    public DemandTrend DemandTrend { get; init; }
    public CooperationIntent CooperationIntent { get; init; }
    public int Batches0 { get; init; }
    public int Batches1 { get; init; }
    public int Batches2 { get; init; }
    public int Batches3 { get; init; }
    public int Batches4 { get; init; }
    public int Active0 { get; init; }
    public int Active1 { get; init; }
    public int Active2 { get; init; }
    public int Active3 { get; init; }
    public int Active4 { get; init; }
    public int Workers24 { get; init; }
    public decimal Amount24 { get; init; }
    public decimal Amount12 { get; init; }
    public int OpenWageArrears { get; init; }
    public int OpenAbnormalWarnings { get; init; }

    public GradingFacts ToFacts() => new()
    {
        Status = Status, CreditRating = CreditRating, OperatingStatus = OperatingStatus, DemandTrend = DemandTrend,
        CooperationIntent = CooperationIntent,
        BatchesByYear = [Batches0, Batches1, Batches2, Batches3, Batches4],
        CooperationByYear = [Active0 > 0, Active1 > 0, Active2 > 0, Active3 > 0, Active4 > 0],
        WorkersDispatchedLast24Months = Workers24, AmountCnyLast24Months = Amount24, AmountCnyLast12Months = Amount12,
        OpenWageArrearsIncidents = OpenWageArrears, OpenAbnormalWarnings = OpenAbnormalWarnings,
    };
}

/// <summary>
/// Aggregates the grading facts of every client of <c>clients</c> in one set-based query: projects and incidents
/// are grouped by client in the database and joined once, never fetched per client. The window rules are those
/// of <see cref="CooperationWindows"/>.
/// </summary>
public static class GradingFactsQuery
{
    /// <summary>
    /// One client's facts today, through the caller's scope (null outside it): what a run would assess for it now, for the
    /// pages that weigh a proposal against today's figures.
    /// </summary>
    public static async Task<GradingFacts?> ForClientAsync(CrmDbContext db, Guid clientId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await For(db, db.Clients.Where(c => c.Id == clientId), today).SingleOrDefaultAsync(ct))?.ToFacts();
    }

    public static IQueryable<GradingFactsRow> For(CrmDbContext db, IQueryable<Client> clients, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Plain locals so EF Core sends them as parameters.
        DateOnly s0 = CooperationWindows.Start(today, 0), e0 = CooperationWindows.End(today, 0);
        DateOnly s1 = CooperationWindows.Start(today, 1), e1 = CooperationWindows.End(today, 1);
        DateOnly s2 = CooperationWindows.Start(today, 2), e2 = CooperationWindows.End(today, 2);
        DateOnly s3 = CooperationWindows.Start(today, 3), e3 = CooperationWindows.End(today, 3);
        DateOnly s4 = CooperationWindows.Start(today, 4), e4 = CooperationWindows.End(today, 4);
        var forever = DateOnly.MaxValue;

        // No IgnoreQueryFilters here, although the outer `clients` already carries the access scope: EF Core applies it
        // to the whole query, which would drop the scope of `clients` too (a test proves the run stays in scope).
        var projects = db.CooperationProjects
            .Where(p => p.Status >= ProjectStatus.Recruiting && p.ContractSignedOn != null)
            .Select(p => new
            {
                p.ClientId,
                Signed = p.ContractSignedOn!.Value,
                // A contract is running from signing to its end; a closed one without an end date ran only on its signing day.
                Until = p.ContractEndOn ?? (p.Status >= ProjectStatus.Completed ? p.ContractSignedOn!.Value : forever),
                Left = p.DepartureOn ?? p.ContractSignedOn!.Value,
                p.WorkersDispatched,
                Amount = p.AmountCny ?? 0m,
            })
            .GroupBy(p => p.ClientId)
            .Select(g => new
            {
                ClientId = g.Key,
                Batches0 = g.Count(p => p.Signed >= s0 && p.Signed <= e0),
                Batches1 = g.Count(p => p.Signed >= s1 && p.Signed <= e1),
                Batches2 = g.Count(p => p.Signed >= s2 && p.Signed <= e2),
                Batches3 = g.Count(p => p.Signed >= s3 && p.Signed <= e3),
                Batches4 = g.Count(p => p.Signed >= s4 && p.Signed <= e4),
                Active0 = g.Count(p => p.Signed <= e0 && p.Until >= s0),
                Active1 = g.Count(p => p.Signed <= e1 && p.Until >= s1),
                Active2 = g.Count(p => p.Signed <= e2 && p.Until >= s2),
                Active3 = g.Count(p => p.Signed <= e3 && p.Until >= s3),
                Active4 = g.Count(p => p.Signed <= e4 && p.Until >= s4),
                Workers24 = g.Sum(p => p.Left >= s1 && p.Left <= e0 ? p.WorkersDispatched : 0),
                Amount24 = g.Sum(p => p.Signed >= s1 && p.Signed <= e0 ? p.Amount : 0m),
                Amount12 = g.Sum(p => p.Signed >= s0 && p.Signed <= e0 ? p.Amount : 0m),
            });

        var wageArrears = db.WorkerIncidents
            .Where(i => i.Type == IncidentType.WageArrears && i.Status != IncidentStatus.Resolved)
            .GroupBy(i => i.ClientId)
            .Select(g => new { ClientId = g.Key, Open = g.Count() });

        // Credit is not good while an abnormal warning is still being dealt with (SPEC §4), whether a rule raised it or staff filed
        // it; a complaint not yet archived counts as one filed by hand (issue 12: seed 001 treats a complaint as a warning sign).
        var abnormal = db.Warnings.WhereOpen()
            .Where(w => w.Family == WarningFamily.Abnormal)
            .Select(w => w.ClientId)
            .Concat(db.Complaints.Where(Complaint.IsOpen).Select(c => c.ClientId))
            .GroupBy(clientId => clientId)
            .Select(g => new { ClientId = g.Key, Open = g.Count() });

        // A client without contracted projects or open wage arrears has no row on the right of its outer join. Each
        // figure is therefore read as nullable and defaulted in SQL (COALESCE). Testing the row itself (`p == null`)
        // does not work for these anonymous rows: EF Core then builds the row from its NULL columns to compare it,
        // which throws for such a client, and reads every column once per figure.
        return from c in clients
               join p in projects on c.Id equals p.ClientId into pg
               from p in pg.DefaultIfEmpty()
               join w in wageArrears on c.Id equals w.ClientId into wg
               from w in wg.DefaultIfEmpty()
               join a in abnormal on c.Id equals a.ClientId into ag
               from a in ag.DefaultIfEmpty()
               select new GradingFactsRow
               {
                   ClientId = c.Id, Grade = c.Grade, ParetoClass = c.Classes!.Pareto, LifecycleStage = c.Classes!.Lifecycle,
                   StoredAmount12 = (decimal?)c.Classes!.AmountCny, Status = c.Status,
                   CreditRating = c.CreditRating, OperatingStatus = c.OperatingStatus, DemandTrend = c.DemandTrend,
                   CooperationIntent = c.CooperationIntent,
                   Batches0 = (int?)p!.Batches0 ?? 0, Batches1 = (int?)p!.Batches1 ?? 0, Batches2 = (int?)p!.Batches2 ?? 0,
                   Batches3 = (int?)p!.Batches3 ?? 0, Batches4 = (int?)p!.Batches4 ?? 0,
                   Active0 = (int?)p!.Active0 ?? 0, Active1 = (int?)p!.Active1 ?? 0, Active2 = (int?)p!.Active2 ?? 0,
                   Active3 = (int?)p!.Active3 ?? 0, Active4 = (int?)p!.Active4 ?? 0,
                   Workers24 = (int?)p!.Workers24 ?? 0, Amount24 = (decimal?)p!.Amount24 ?? 0m, Amount12 = (decimal?)p!.Amount12 ?? 0m,
                   OpenWageArrears = (int?)w!.Open ?? 0, OpenAbnormalWarnings = (int?)a!.Open ?? 0,
               };
    }
}
