using ClientCrm.Domain.Common;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Notifications;
using ClientCrm.Infrastructure.Evaluations;
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
        return await EvaluationsAsync(settings.EvaluationStepDueDays, now, ct) + await ComplaintsAsync(settings.ComplaintStepDueDays, now, ct)
            + await ContractReviewsAsync(settings.ContractReviewStepDueDays, now, ct);
    }

    private async Task<int> ComplaintsAsync(int dueDays, DateTimeOffset now, CancellationToken ct)
    {
        var overdue = await db.Complaints.IgnoreQueryFilters()
            .Where(Domain.Complaints.Complaint.DueForEscalation(now.AddDays(-dueDays)))
            .OrderBy(c => c.StateSince).ThenBy(c => c.Id)
            .Take(Batch)
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var leaders = await notifier.LeaderIdsAsync(ct);
        var notices = new List<Notification>();
        foreach (var complaint in overdue)
        {
            complaint.Escalate(now);
            var item = await Complaints.ComplaintAndClient.ReadAsync(db, complaint.Id, ct);
            notices.AddRange(leaders.Select(l => Notification.About(l, NotificationKind.ComplaintOverdue, item.Subject, now)));
        }

        await notifier.SendAsync(notices, ct);
        await db.SaveChangesAsync(ct);
        LogEscalated(log, overdue.Count, "complaints");
        return overdue.Count;
    }

    private async Task<int> ContractReviewsAsync(int dueDays, DateTimeOffset now, CancellationToken ct)
    {
        var overdue = await db.ContractReviews.IgnoreQueryFilters()
            .Where(Domain.ContractReviews.ContractReview.DueForEscalation(now.AddDays(-dueDays)))
            .OrderBy(r => r.StateSince).ThenBy(r => r.Id)
            .Take(Batch)
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var leaders = await notifier.LeaderIdsAsync(ct);
        var notices = new List<Notification>();
        foreach (var review in overdue)
        {
            review.Escalate(now);
            var item = await ContractReviews.ContractReviewAndClient.ReadAsync(db, review.Id, ct);
            notices.AddRange(leaders.Select(l => Notification.About(l, NotificationKind.ContractReviewOverdue, item.Subject, now)));
        }

        await notifier.SendAsync(notices, ct);
        await db.SaveChangesAsync(ct);
        LogEscalated(log, overdue.Count, "contract reviews");
        return overdue.Count;
    }

    private async Task<int> EvaluationsAsync(int dueDays, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now.AddDays(-dueDays);
        var overdue = await db.ClientEvaluations.IgnoreQueryFilters()
            .Where(ClientEvaluation.DueForEscalation(cutoff))
            .OrderBy(e => e.StateSince).ThenBy(e => e.Id)
            .Take(Batch)
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var leaders = await notifier.LeaderIdsAsync(ct);
        var notices = new List<Notification>();
        foreach (var evaluation in overdue)
        {
            evaluation.Escalate(now);
            var item = await EvaluationAndClient.ReadAsync(db, evaluation.Id, ct);
            notices.AddRange(leaders.Select(l => Notification.About(l, NotificationKind.EvaluationOverdue, item.Subject, now)));
        }

        await notifier.SendAsync(notices, ct);
        await db.SaveChangesAsync(ct);
        LogEscalated(log, overdue.Count, "evaluations");
        return overdue.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {Count} overdue {Workflow} to the leaders")]
    private static partial void LogEscalated(ILogger logger, int count, string workflow);
}
