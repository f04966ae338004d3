using System.Linq.Expressions;
using ClientCrm.Infrastructure.Warnings;
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

    /// <summary>
    /// The compact column of every client in <paramref name="clientIds"/>: its open warnings and how many of its complaints
    /// are not archived, in one query each.
    /// </summary>
    public static async Task<ListWarningColumns> OpenByClientAsync(CrmDbContext db, IReadOnlyCollection<Guid> clientIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clientIds);
        if (clientIds.Count == 0)
        {
            return new(None.ToLookup(i => i.ClientId), new Dictionary<Guid, int>());
        }

        // One array parameter (ClientId = ANY(@ids)), not one parameter per id: EF cannot keep the SQL of a statement whose
        // parameter count varies, so it wrote it again on every request under a lock the page's other requests spun on
        // (15-18% of the deep page's app CPU at 1,000,000 clients). PostgreSQL keeps its generic plan for the array after
        // five executions (docs/performance.md, "The warning column's SQL kept").
        var ids = clientIds.ToArray();
        var items = await Open(db.Warnings.Where(w => EF.Parameter(ids).Contains(w.ClientId))).ToListAsync(ct);
        var complaints = await db.Complaints.AsNoTracking().Where(Domain.Complaints.Complaint.IsOpen)
            .Where(c => EF.Parameter(ids).Contains(c.ClientId))
            .GroupBy(c => c.ClientId)
            .Select(g => new { ClientId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ClientId, g => g.Count, ct);
        return new(items.ToLookup(i => i.ClientId), complaints);
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

    // Built once (a list page reads the column on every request).
    private static readonly Expression<Func<Warning, DateTimeOffset>> ByRaisedAt = w => w.RaisedAt;
    private static readonly Expression<Func<Warning, Guid>> ById = w => w.Id;
    private static readonly Expression<Func<Warning, WarningColumnItem>> ToItem = w => new WarningColumnItem(w.Id, w.ClientId, w.Family,
        w.Rule, w.Summary, w.Severity, w.State, w.RaisedAt, w.ConditionClearedAt != null, w.EscalatedAt != null,
        w.SourceKind, w.SourceProjectId, w.SourceRecordId);
}

/// <summary>The compact warning columns of a page of clients: open warnings, and open complaints counted, by client.</summary>
public sealed record ListWarningColumns(ILookup<Guid, WarningColumnItem> Warnings, IReadOnlyDictionary<Guid, int> Complaints)
{
    public int ComplaintsOf(Guid clientId) => Complaints.GetValueOrDefault(clientId);
}

/// <summary>A complaint not archived yet, as the client page's warning column lists it.</summary>
public sealed record OpenComplaint(Guid Id, DateOnly ReceivedOn, Domain.Complaints.ComplaintNature Nature, Domain.Complaints.ComplaintState State);
