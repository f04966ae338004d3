using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

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
        return from w in warnings
               join d in db.Departments on w.Client!.DepartmentId equals d.Id into departments
               from d in departments.DefaultIfEmpty()
               select new WarningRow(w.Id, w.ClientId, w.Client!.Name, w.Client.ChineseName, d.Name ?? "",
                   w.Family, w.Rule, w.Summary, w.Severity, w.State, w.RaisedAt, w.ClosedAt, w.ConditionClearedAt != null, w.EscalatedAt != null);
    }

    /// <summary>
    /// Oldest first (the longest-waiting warning is the first to look at), keyset-paged on (RaisedAt, Id): the rows past
    /// the cursor, or before it in reverse order when going back.
    /// </summary>
    public static IQueryable<Warning> OldestFirst(IQueryable<Warning> warnings, Cursor? cursor, Seek seek)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (cursor is not null && seek != Seek.First)
        {
            var (raisedAt, id) = (cursor.Time(0), cursor.Id(1));
            return seek == Seek.After
                ? warnings.Where(w => EF.Functions.GreaterThan(ValueTuple.Create(w.RaisedAt, w.Id), ValueTuple.Create(raisedAt, id)))
                    .OrderBy(w => w.RaisedAt).ThenBy(w => w.Id)
                : warnings.Where(w => EF.Functions.LessThan(ValueTuple.Create(w.RaisedAt, w.Id), ValueTuple.Create(raisedAt, id)))
                    .OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id);
        }

        return warnings.OrderBy(w => w.RaisedAt).ThenBy(w => w.Id);
    }

    /// <summary>Reads a cursor of <see cref="OldestFirst"/>, or null (first page) when it is not one.</summary>
    public static Cursor? ReadCursor(string? token) => Cursor.Read(token, 2, c =>
    {
        _ = (c.Time(0), c.Id(1));
        return c;
    });

    public string CursorText => Cursor.Encode(RaisedAt, Id);
}
