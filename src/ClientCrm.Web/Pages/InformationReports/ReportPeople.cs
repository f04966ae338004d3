using System.Security.Claims;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.InformationReports;

/// <summary>
/// Who acts on a report, and what waits for whom: the two questions every report page and the to-do list ask, answered once.
/// A report's department is its client's, or for a prospect the reporter's; none means the leaders take the head's step.
/// </summary>
public static class ReportPeople
{
    /// <summary>Department ids start at 1: no department has this one, so it has no head and the leaders stand in.</summary>
    public const int NoDepartment = -1;

    /// <summary>
    /// The person as a party to the report (<see cref="WorkflowPeople.ActorAsync"/>): the reporter stands where the kit has the
    /// owner (<see cref="InformationReport"/>'s remarks), the department is the report's.
    /// </summary>
    public static Task<WorkflowActor> ActorAsync(CrmDbContext db, ICurrentActor actor, ClaimsPrincipal user, string reporterId, int? departmentId,
        CancellationToken ct) =>
        WorkflowPeople.ActorAsync(db, actor, user, reporterId, departmentId ?? NoDepartment, ct);

    /// <summary>The report's department: its client's when it has one (read through the scope), else the reporter's.</summary>
    public static async Task<int?> DepartmentOfAsync(CrmDbContext db, InformationReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        return report.ClientId is { } clientId
            ? await db.Clients.IgnoreQueryFilters().Where(c => c.Id == clientId).Select(c => (int?)c.DepartmentId).SingleAsync(ct)
            : report.ReporterDepartmentId;
    }

    /// <summary>
    /// The reports waiting for the person (the scope filter has already cut them to what they see): the reporter's instructed
    /// ones to read; a head's submitted ones to forward; a leader's forwarded ones to instruct, and the head's step where the
    /// department has no head (or none at all) or the head let it wait past its due time.
    /// </summary>
    public static IQueryable<InformationReport> WaitingFor(IQueryable<InformationReport> reports, AccessScope scope, IReadOnlyList<int> headless)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var me = scope.UserId ?? "";
        if (scope.IsLeader)
        {
            return reports.Where(r => r.State == InformationReportState.Forwarded
                                      || (r.State == InformationReportState.Submitted
                                          && (r.EscalatedAt != null
                                              || (r.ClientId != null ? headless.Contains(r.Client!.DepartmentId)
                                                  : r.ReporterDepartmentId == null || headless.Contains(r.ReporterDepartmentId.Value))))
                                      || (r.State == InformationReportState.Instructed && r.ReporterId == me));
        }

        return scope.IsDepartmentHead
            ? reports.Where(r => r.State == InformationReportState.Submitted || (r.State == InformationReportState.Instructed && r.ReporterId == me))
            : reports.Where(r => r.State == InformationReportState.Instructed && r.ReporterId == me);
    }
}
