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

    /// <summary>Severities, most severe first: the order of the lists' segments.</summary>
    private static readonly WarningSeverity[] MostSevereFirst = Enum.GetValues<WarningSeverity>().OrderDescending().ToArray();

    /// <summary>
    /// Most urgent first: high severity before normal, and within a severity the earliest acknowledgement due date (the
    /// earliest raised: every warning is due the same number of days after it was raised, <see cref="Warning.AcknowledgementDue"/>),
    /// keyset-paged on
    /// (Severity, RaisedAt, Id). The rows past the cursor, or before it in reverse order when going back.
    /// </summary>
    /// <remarks>
    /// Severity runs the other way from the dates, so the key is not one row value PostgreSQL can seek to. Each severity
    /// is a range of an index on (Severity, RaisedAt, Id) instead: a page reads at most <paramref name="take"/> rows past
    /// the cursor in the cursor's severity and at most <paramref name="take"/> from the start of each severity after it,
    /// and orders those few. A deep page costs what the first one costs.
    /// </remarks>
    public static IQueryable<Warning> MostUrgentFirst(IQueryable<Warning> warnings, Cursor? cursor, Seek seek, int take)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        IQueryable<Warning> Earliest(IQueryable<Warning> q) => q.OrderBy(w => w.RaisedAt).ThenBy(w => w.Id).Take(take);
        IQueryable<Warning> Latest(IQueryable<Warning> q) => q.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Take(take);

        IQueryable<Warning>? segments = null;
        void Add(IQueryable<Warning> segment) => segments = segments is null ? segment : segments.Concat(segment);
        if (cursor is null || seek == Seek.First)
        {
            foreach (var severity in MostSevereFirst)
            {
                Add(Earliest(warnings.Where(w => w.Severity == severity)));
            }

            return segments!.OrderByDescending(w => w.Severity).ThenBy(w => w.RaisedAt).ThenBy(w => w.Id);
        }

        var (at, raisedAt, id) = (cursor.Enum<WarningSeverity>(0), cursor.Time(1), cursor.Id(2));
        if (seek == Seek.After)
        {
            Add(Earliest(warnings.Where(w => w.Severity == at
                && EF.Functions.GreaterThan(ValueTuple.Create(w.RaisedAt, w.Id), ValueTuple.Create(raisedAt, id)))));
            foreach (var severity in MostSevereFirst.Where(s => s < at))
            {
                Add(Earliest(warnings.Where(w => w.Severity == severity)));
            }

            return segments!.OrderByDescending(w => w.Severity).ThenBy(w => w.RaisedAt).ThenBy(w => w.Id);
        }

        Add(Latest(warnings.Where(w => w.Severity == at
            && EF.Functions.LessThan(ValueTuple.Create(w.RaisedAt, w.Id), ValueTuple.Create(raisedAt, id)))));
        foreach (var severity in MostSevereFirst.Where(s => s > at).Reverse())
        {
            Add(Latest(warnings.Where(w => w.Severity == severity)));
        }

        return segments!.OrderBy(w => w.Severity).ThenByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id);
    }

    /// <summary>Reads a cursor of <see cref="MostUrgentFirst"/>, or null (first page) when it is not one.</summary>
    public static Cursor? ReadCursor(string? token) => Cursor.Read(token, 3, c =>
    {
        _ = (c.Time(1), c.Id(2));
        return Enum.IsDefined(c.Enum<WarningSeverity>(0)) ? c : throw new FormatException("Not a severity.");
    });

    public string CursorText => Cursor.Encode(Severity, RaisedAt, Id);
}
