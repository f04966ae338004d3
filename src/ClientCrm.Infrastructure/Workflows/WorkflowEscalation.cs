using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Complaints;
using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Workflows;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Domain.Notifications;
using ClientCrm.Infrastructure.Accountability;
using ClientCrm.Infrastructure.Complaints;
using ClientCrm.Infrastructure.ContractReviews;
using ClientCrm.Infrastructure.Evaluations;
using ClientCrm.Infrastructure.InformationReports;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Infrastructure.Workflows;

/// <summary>
/// Sends every workflow step left waiting past its due time to the leaders, once per step (SPEC §5, like warnings): the
/// due states and whom they go to are the workflow's table (<see cref="Domain.Workflows.WorkflowTable{TState,TAction}.DueIn"/>),
/// the due days a leaders' setting. Run by <see cref="Jobs.WorkflowEscalationJob"/>; each workflow adds its lines here.
/// </summary>
public sealed partial class WorkflowEscalation(CrmDbContext db, Notifier notifier, BusinessClock clock, ILogger<WorkflowEscalation> log)
{
    /// <summary>At most this many items are escalated per workflow and run; the next run takes the rest.</summary>
    public const int Batch = 500;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var settings = await db.WorkflowSettings.AsNoTracking().SingleAsync(ct);
        var now = clock.UtcNow;
        return await EscalateAsync(db.ClientEvaluations.Where(ClientEvaluation.DueForEscalation(now.AddDays(-settings.EvaluationStepDueDays))),
                   NotificationKind.EvaluationOverdue, "evaluations", async (id, token) => (await WorkflowItemClient.ReadAsync(db.ClientEvaluations, id, token)).Subject, now, ct)
               + await EscalateAsync(db.Complaints.Where(Complaint.DueForEscalation(now.AddDays(-settings.ComplaintStepDueDays))),
                   NotificationKind.ComplaintOverdue, "complaints", async (id, token) => (await WorkflowItemClient.ReadAsync(db.Complaints, id, token)).Subject, now, ct)
               // A report past its due day (company date), or a later step left past the step days (SPEC §5.3).
               + await EscalateAsync(db.AccountabilityCases.Where(AccountabilityCase.DueForEscalation(clock.DateOf(now), now.AddDays(-settings.AccountabilityStepDueDays))),
                   NotificationKind.AccountabilityOverdue, "accountability cases",
                   async (id, token) => (await WorkflowItemClient.ReadAsync(db.AccountabilityCases, id, token)).Subject, now, ct)
               + await EscalateAsync(db.InformationReports.Where(InformationReport.DueForEscalation(now.AddDays(-settings.InformationReportStepDueDays))),
                   NotificationKind.InformationReportOverdue, "information reports",
                   async (id, token) => (await ReportAndSubject.ReadAsync(db, id, token)).Subject, now, ct)
               + await EscalateAsync(db.ContractReviews.Where(ContractReview.DueForEscalation(now.AddDays(-settings.ContractReviewStepDueDays))),
                   NotificationKind.ContractReviewOverdue, "contract reviews",
                   async (id, token) => (await ContractReviewAndClient.ReadAsync(db, id, token)).Subject, now, ct);
    }

    /// <summary>
    /// Escalates the oldest <see cref="Batch"/> of <paramref name="due"/> (a workflow's <c>DueForEscalation</c> filter, read as
    /// the system) and tells every leader of each, with <paramref name="kind"/> about <paramref name="subjectOf"/> the item.
    /// </summary>
    public async Task<int> EscalateAsync<TItem>(IQueryable<TItem> due, NotificationKind kind, string workflow,
        Func<Guid, CancellationToken, Task<NotificationSubject>> subjectOf, DateTimeOffset now, CancellationToken ct)
        where TItem : class, IWorkflowItem
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(subjectOf);
        var overdue = await due.IgnoreQueryFilters()
            .OrderBy(i => i.StateSince).ThenBy(i => i.Id)
            .Take(Batch)
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var leaders = await notifier.LeaderIdsAsync(ct);
        var notices = new List<Notification>();
        foreach (var item in overdue)
        {
            item.Escalate(now);
            var subject = await subjectOf(item.Id, ct);
            notices.AddRange(leaders.Select(l => Notification.About(l, kind, subject, now)));
        }

        await notifier.SendAsync(notices, ct);
        await db.SaveChangesAsync(ct);
        LogEscalated(log, overdue.Count, workflow);
        return overdue.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {Count} overdue {Workflow} to the leaders")]
    private static partial void LogEscalated(ILogger logger, int count, string workflow);
}
