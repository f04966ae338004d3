using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>One client's warning figures as the database counts them, with what a new warning's notifications need.</summary>
public sealed class WarningFactsRow
{
    public Guid ClientId { get; init; }
    public string Name { get; init; } = "";
    public string? ChineseName { get; init; }
    public string OwnerId { get; init; } = "";
    public int DepartmentId { get; init; }
    public ClientGrade Grade { get; init; }
    public ClientStatus Status { get; init; }
    public OperatingStatus OperatingStatus { get; init; }
    public int Requested0 { get; init; }
    public int Requested1 { get; init; }
    public DateOnly? LastSigned { get; init; }
    public int OnSite { get; init; }
    public int OpenWageArrears { get; init; }
    public int WorkersOwed { get; init; }
    public int Disputes { get; init; }
    public int Repatriated { get; init; }
    public DateOnly? LicenseValidThrough { get; init; }
    public DateOnly? CreditValidThrough { get; init; }

    public WarningFacts ToFacts() => new()
    {
        Grade = Grade, Status = Status, OperatingStatus = OperatingStatus,
        BusinessLicenseValidThrough = LicenseValidThrough, CreditCertificateValidThrough = CreditValidThrough,
        WorkersRequestedLast12Months = Requested0, WorkersRequestedPrevious12Months = Requested1, LastBatchSignedOn = LastSigned,
        WorkersOnSite = OnSite, OpenWageArrearsIncidents = OpenWageArrears, WorkersOwedWages = WorkersOwed,
        RecentLaborDisputes = Disputes, RecentlyRepatriatedWorkers = Repatriated,
    };
}

/// <summary>
/// Counts the warning figures of every client of <c>clients</c> in one set-based query: projects and incidents are
/// grouped by client in the database and outer-joined once. Batches are those the grading counts (contracted, with a
/// signing date), in the windows of <see cref="CooperationWindows"/>; incident windows are those of <see cref="WarningWindows"/>.
/// </summary>
public static class WarningFactsQuery
{
    public static IQueryable<WarningFactsRow> For(CrmDbContext db, IQueryable<Client> clients, DateOnly today, WarningThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(thresholds);
        DateOnly s0 = CooperationWindows.Start(today, 0), e0 = CooperationWindows.End(today, 0);
        DateOnly s1 = CooperationWindows.Start(today, 1), e1 = CooperationWindows.End(today, 1);

        var projects = Batches(db.CooperationProjects)
            .Select(p => new { p.ClientId, Signed = p.ContractSignedOn!.Value, p.WorkersRequested, p.WorkersDispatched, p.Status })
            .GroupBy(p => p.ClientId)
            .Select(g => new
            {
                ClientId = g.Key,
                Requested0 = g.Sum(p => p.Signed >= s0 && p.Signed <= e0 ? p.WorkersRequested : 0),
                Requested1 = g.Sum(p => p.Signed >= s1 && p.Signed <= e1 ? p.WorkersRequested : 0),
                LastSigned = g.Max(p => (DateOnly?)p.Signed),
                OnSite = g.Sum(p => p.Status == ProjectStatus.Dispatched || p.Status == ProjectStatus.InService ? p.WorkersDispatched : 0),
            });

        var incidents = CountedIncidents(db.WorkerIncidents, today, thresholds)
            .GroupBy(i => i.ClientId)
            .Select(g => new
            {
                ClientId = g.Key,
                OpenWageArrears = g.Count(i => i.Type == IncidentType.WageArrears),
                WorkersOwed = g.Sum(i => i.Type == IncidentType.WageArrears ? i.WorkersAffected : 0),
                Disputes = g.Count(i => i.Type == IncidentType.LaborDispute),
                Repatriated = g.Sum(i => i.Type == IncidentType.EarlyRepatriation ? i.WorkersAffected : 0),
            });

        // The latest validity of the watched documents on file, per type (a document that does not expire counts as valid forever).
        var documents = db.ClientDocuments.Where(d => d.ArchivedAt == null
                && (d.Type == Domain.Dossier.DocumentType.BusinessLicense || d.Type == Domain.Dossier.DocumentType.CreditCertificate))
            .GroupBy(d => d.ClientId)
            .Select(g => new
            {
                ClientId = g.Key,
                License = g.Max(d => d.Type == Domain.Dossier.DocumentType.BusinessLicense ? (DateOnly?)(d.ValidUntil ?? DateOnly.MaxValue) : null),
                Credit = g.Max(d => d.Type == Domain.Dossier.DocumentType.CreditCertificate ? (DateOnly?)(d.ValidUntil ?? DateOnly.MaxValue) : null),
            });

        // Nullable reads with SQL COALESCE, as in GradingFactsQuery: testing the joined row for null does not translate.
        return from c in clients
               join p in projects on c.Id equals p.ClientId into pg
               from p in pg.DefaultIfEmpty()
               join i in incidents on c.Id equals i.ClientId into ig
               from i in ig.DefaultIfEmpty()
               join d in documents on c.Id equals d.ClientId into dg
               from d in dg.DefaultIfEmpty()
               select new WarningFactsRow
               {
                   ClientId = c.Id, Name = c.Name, ChineseName = c.ChineseName, OwnerId = c.OwnerId, DepartmentId = c.DepartmentId,
                   Grade = c.Grade, Status = c.Status, OperatingStatus = c.OperatingStatus,
                   Requested0 = (int?)p!.Requested0 ?? 0, Requested1 = (int?)p!.Requested1 ?? 0, LastSigned = p!.LastSigned,
                   OnSite = (int?)p!.OnSite ?? 0,
                   OpenWageArrears = (int?)i!.OpenWageArrears ?? 0, WorkersOwed = (int?)i!.WorkersOwed ?? 0,
                   Disputes = (int?)i!.Disputes ?? 0, Repatriated = (int?)i!.Repatriated ?? 0,
                   LicenseValidThrough = d!.License, CreditValidThrough = d!.Credit,
               };
    }

    /// <summary>The batches the rules count: contracted projects (Recruiting or later) with a signing date, as the grading counts them.</summary>
    public static IQueryable<CooperationProject> Batches(IQueryable<CooperationProject> projects) =>
        projects.Where(p => p.Status >= ProjectStatus.Recruiting && p.ContractSignedOn != null);

    /// <summary>Only the incidents a rule can count: open wage arrears, and disputes or repatriations inside their windows.</summary>
    public static IQueryable<WorkerIncident> CountedIncidents(IQueryable<WorkerIncident> incidents, DateOnly today, WarningThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var disputesSince = WarningWindows.Since(today, thresholds.LaborDisputesDays);
        var repatriatedSince = WarningWindows.Since(today, thresholds.RepatriatedDays);
        return incidents.Where(i => (i.Type == IncidentType.WageArrears && i.Status != IncidentStatus.Resolved)
            || (i.Type == IncidentType.LaborDispute && i.OccurredOn >= disputesSince && i.OccurredOn <= today)
            || (i.Type == IncidentType.EarlyRepatriation && i.OccurredOn >= repatriatedSince && i.OccurredOn <= today));
    }

    /// <summary>
    /// The rules that hold for one client now: the engine's own facts query and <see cref="WarningRules.Evaluate"/>, so a page
    /// asking "does this warning's condition still hold?" gets the answer the next run would give. Read through the caller's
    /// scope; a client outside it holds nothing.
    /// </summary>
    public static async Task<IReadOnlyList<RuleFinding>> FindingsAsync(CrmDbContext db, Guid clientId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var thresholds = (await db.WarningSettings.AsNoTracking().SingleAsync(ct)).Thresholds;
        var row = await For(db, db.Clients.Where(c => c.Id == clientId), today, thresholds).SingleOrDefaultAsync(ct);
        return row is null ? [] : WarningRules.Evaluate(row.ToFacts(), thresholds, today);
    }
}
