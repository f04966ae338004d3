using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages;

/// <summary>The start page: the user's clients by status and the cards due for review.</summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, TimeProvider clock) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public bool IsAdmin { get; private set; }
    public ScopeLevel ScopeLevel { get; private set; }
    public IReadOnlyList<(ClientStatus Status, int Count)> ByStatus { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name, DateTimeOffset ReviewedAt)> ReviewDue { get; private set; } = [];

    public async Task OnGetAsync()
    {
        DisplayName = User.FindFirst(CrmClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "";
        IsAdmin = User.IsInRole(Roles.Admin);
        ScopeLevel = actor.Scope.Level;
        if (IsAdmin)
        {
            return;
        }

        var counts = await db.Clients.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        ByStatus = Enum.GetValues<ClientStatus>().Select(s => (s, counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0)).ToList();

        var dueBefore = clock.GetUtcNow() - Client.CardReviewInterval;
        var due = await db.Clients.Where(c => c.CardReviewedAt <= dueBefore)
            .OrderBy(c => c.CardReviewedAt).Take(20)
            .Select(c => new { c.Id, c.Name, c.CardReviewedAt }).ToListAsync();
        ReviewDue = due.Select(d => (d.Id, d.Name, d.CardReviewedAt)).ToList();
    }
}
