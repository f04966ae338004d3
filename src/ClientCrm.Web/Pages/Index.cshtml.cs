using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages;

public sealed record OverdueContactRow(Guid Id, string Name, ClientGrade Grade, DateOnly? LastContactOn, DateOnly DueOn, string OwnerName);

/// <summary>The start page: the user's clients by status and the cards due for review.</summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, TimeProvider clock) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public bool IsAdmin { get; private set; }
    public ScopeLevel ScopeLevel { get; private set; }
    public IReadOnlyList<(ClientStatus Status, int Count)> ByStatus { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name, DateTimeOffset ReviewedAt)> ReviewDue { get; private set; } = [];
    public IReadOnlyList<OverdueContactRow> OverdueContacts { get; private set; } = [];
    public int OverdueContactTotal { get; private set; }
    public int PendingProposals { get; private set; }

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

        // SPEC §4: an overdue contact is shown to the owner and to their department head (the scope filter decides who sees which).
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var thresholds = (await db.GradingSettings.AsNoTracking().SingleAsync()).Thresholds;
        var overdue = db.Clients.WhereContactOverdue(today, thresholds);
        OverdueContactTotal = await overdue.CountAsync();
        var rows = await overdue
            .OrderBy(c => c.Grade).ThenBy(c => c.LastContactOn ?? DateOnly.MinValue).ThenBy(c => c.Name)
            .Take(20)
            .Select(c => new { c.Id, c.Name, c.Grade, c.Status, c.LastContactOn, c.RegisteredAt,
                Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault() ?? "" })
            .ToListAsync();
        OverdueContacts = rows.Select(r =>
        {
            var start = Client.ContactClockStartOf(r.LastContactOn, r.RegisteredAt);
            return new OverdueContactRow(r.Id, r.Name, r.Grade, r.LastContactOn, ContactDuty.DueOn(r.Grade, start, thresholds), r.Owner);
        }).ToList();

        if (ScopeLevel is ScopeLevel.Department or ScopeLevel.All)
        {
            PendingProposals = await db.GradeProposals.CountAsync(p => p.State == ProposalState.Pending);
        }
    }
}
