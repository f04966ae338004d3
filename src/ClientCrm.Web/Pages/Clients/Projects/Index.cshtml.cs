using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients.Projects;

/// <summary>
/// Every cooperation project (batch) of one client in scope, newest first, paged by keyset on (CreatedAt, Id) with the
/// total. The client page lists only the newest few; a client outside the user's scope answers 404.
/// </summary>
public sealed class IndexModel(CrmDbContext db) : KeysetListModel
{
    public const int PageSize = 25;

    public Guid ClientId { get; private set; }
    public string ClientName { get; private set; } = "";
    public IReadOnlyList<ClientProjectRow> Rows { get; private set; } = [];
    public Tally Total { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task<IActionResult> OnGetAsync(Guid clientId, CancellationToken ct)
    {
        var name = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        (ClientId, ClientName) = (clientId, name);
        var projects = db.CooperationProjects.AsNoTracking().Where(p => p.ClientId == clientId);
        Total = await projects.TallyAsync(ct);
        var cursor = ClientProjectsView.ReadCursor(Paging.Token);
        var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize,
            seek => ClientProjectsView.Rows(ClientProjectsView.NewestFirst(projects, cursor, seek)), r => r.CursorText, ct);
        Rows = await ClientProjectsView.WithOpenIncidentsAsync(db, page.Rows, ct);
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal));
        return Page();
    }
}
