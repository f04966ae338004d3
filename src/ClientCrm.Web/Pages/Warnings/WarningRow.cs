using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>One warning as the lists (company view, review queue) show it.</summary>
public sealed record WarningRow(Guid Id, Guid ClientId, string ClientName, string? ClientChineseName, string DepartmentName,
    WarningFamily Family, WarningRule? Rule, string? Summary, WarningSeverity Severity, WarningState State, DateTimeOffset RaisedAt,
    DateTimeOffset? ClosedAt, bool ConditionCleared, bool Escalated)
{
    public WarningBadges Badges => new(Family, Severity, State, ConditionCleared && ClosedAt is null, Escalated);

    /// <summary>Days from raising to closing, or to now while open.</summary>
    public int DaysOpen(DateTimeOffset now) => WarningDisplay.Days(RaisedAt, ClosedAt ?? now);

    /// <summary>The rows of <paramref name="warnings"/> (already scoped by the context), projected in the database.</summary>
    public static IQueryable<WarningRow> Project(IQueryable<Warning> warnings, CrmDbContext db)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(db);
        return warnings.Select(w => new WarningRow(w.Id, w.ClientId, w.Client!.Name, w.Client.ChineseName,
            db.Departments.Where(d => d.Id == w.Client.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
            w.Family, w.Rule, w.Summary, w.Severity, w.State, w.RaisedAt, w.ClosedAt, w.ConditionClearedAt != null, w.EscalatedAt != null));
    }

    /// <summary>Oldest first: the longest-waiting warning is the first to look at.</summary>
    public static IQueryable<Warning> OldestFirst(IQueryable<Warning> warnings) => warnings.OrderBy(w => w.RaisedAt).ThenBy(w => w.Id);
}
