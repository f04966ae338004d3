using System.Linq.Expressions;
using ClientCrm.Infrastructure.Warnings;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Warnings;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>One open warning as the warning column (预警栏) shows it, with the record that caused a rule warning.</summary>
public sealed record WarningColumnItem(Guid Id, Guid ClientId, WarningFamily Family, WarningRule? Rule, string? Summary,
    WarningSeverity Severity, WarningState State, DateTimeOffset RaisedAt, bool ConditionCleared, bool Escalated,
    WarningSourceKind? SourceKind, Guid? SourceProjectId, Guid? SourceRecordId)
{
    public WarningBadges Badges => new(Family, Severity, State, ConditionCleared, Escalated);

    /// <summary>The link to the cause, from the stored columns (no query per row); null for a warning filed by hand.</summary>
    public string? SourceHref => SourceKind is { } kind ? WarningSourceLinks.Href(ClientId, new WarningSource(kind, SourceProjectId, SourceRecordId)) : null;
}

/// <summary>
/// The warning column (预警栏, SPEC §7) of a client: its open warnings, oldest first. On the client list it is a compact
/// cell per row, loaded for the whole page of clients in one query; on the client page a card with the links to file a
/// warning and to all of the client's warnings.
/// </summary>
public sealed class WarningColumnView
{
    private static readonly WarningColumnItem[] None = [];

    public Guid ClientId { get; init; }

    public IReadOnlyList<WarningColumnItem> Items { get; init; } = None;

    /// <summary>
    /// The client's complaints not archived yet (seed 001: an open complaint is a warning sign of its own); the client page
    /// shows them in the column, under the warnings.
    /// </summary>
    public IReadOnlyList<OpenComplaint> Complaints { get; init; } = [];

    // Built once (a list page reads the column on every request).
    private static readonly Expression<Func<Warning, DateTimeOffset>> ByRaisedAt = w => w.RaisedAt;
    private static readonly Expression<Func<Warning, Guid>> ById = w => w.Id;
    private static readonly Expression<Func<Warning, WarningColumnItem>> ToItem = w => new WarningColumnItem(w.Id, w.ClientId, w.Family,
        w.Rule, w.Summary, w.Severity, w.State, w.RaisedAt, w.ConditionClearedAt != null, w.EscalatedAt != null,
        w.SourceKind, w.SourceProjectId, w.SourceRecordId);

    /// <summary>
    /// The compact column of one client on the client list, as a part of the list's own page query (<c>warnings</c> and
    /// <c>complaints</c> stand for the context's sets): its open warnings, oldest first, and how many of its complaints are
    /// not archived. One statement reads a page with its columns; the column's two statements of their own were two more
    /// round trips per page, 60-75% more requests/s without them (docs/performance.md, "The deep page's cost, one
    /// statement per page, …").
    /// </summary>
    public static readonly Expression<Func<Guid, IQueryable<Warning>, IQueryable<Domain.Complaints.Complaint>, ListWarningColumn>> ListColumn =
        (clientId, warnings, complaints) => new ListWarningColumn(
            warnings.Where(w => w.ClientId == clientId).Where(Warning.IsOpen).OrderBy(ByRaisedAt).ThenBy(ById).Select(ToItem).ToList(),
            complaints.Where(c => c.ClientId == clientId).Where(Domain.Complaints.Complaint.IsOpen).Count());

    /// <summary><see cref="ListColumn"/> of the client whose id is <paramref name="clientId"/>, over <paramref name="db"/>'s sets.</summary>
    public static Expression ListColumnOf(Expression clientId, CrmDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var body = Predicates.Substitute(ListColumn.Body, ListColumn.Parameters[0], clientId);
        body = Predicates.Substitute(body, ListColumn.Parameters[1], ((IQueryable<Warning>)db.Warnings).Expression);
        return Predicates.Substitute(body, ListColumn.Parameters[2], ((IQueryable<Domain.Complaints.Complaint>)db.Complaints).Expression);
    }

    /// <summary>The client page's card.</summary>
    public static async Task<WarningColumnView> ForClientAsync(CrmDbContext db, Guid clientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new()
        {
            ClientId = clientId,
            Items = await Open(db.Warnings.Where(w => w.ClientId == clientId)).ToListAsync(ct),
            Complaints = await db.Complaints.AsNoTracking().Where(c => c.ClientId == clientId).Where(Domain.Complaints.Complaint.IsOpen)
                .OrderBy(c => c.ReceivedOn).ThenBy(c => c.Id)
                .Select(c => new OpenComplaint(c.Id, c.ReceivedOn, c.Nature, c.State))
                .ToListAsync(ct),
        };
    }

    private static IQueryable<WarningColumnItem> Open(IQueryable<Warning> warnings) =>
        warnings.AsNoTracking().WhereOpen().OrderBy(ByRaisedAt).ThenBy(ById).Select(ToItem);
}

/// <summary>One client's compact warning column on the client list: its open warnings, and its open complaints counted.</summary>
public sealed record ListWarningColumn(List<WarningColumnItem> Warnings, int OpenComplaints);

/// <summary>A complaint not archived yet, as the client page's warning column lists it.</summary>
public sealed record OpenComplaint(Guid Id, DateOnly ReceivedOn, Domain.Complaints.ComplaintNature Nature, Domain.Complaints.ComplaintState State);
