using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using ClientCrm.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages;

public sealed record OverdueContactRow(Guid Id, string Name, ClientGrade Grade, DateOnly? LastContactOn, DateOnly? DueOn, string OwnerName);

public sealed record ReviewDueRow(Guid Id, string Name, DateTimeOffset ReviewedAt, DateOnly? DueOn);

/// <summary>What the start page counts over the user's whole scope (kept briefly, see <see cref="ScopeSummaries"/>).</summary>
public sealed record StartSummary(IReadOnlyList<(ClientStatus Status, int Count)> ByStatus);

/// <summary>The start page: the user's clients by status, overdue contacts, cards due for review and proposals to decide.</summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, ScopeSummaries summaries, TimeProvider clock) : PageModel
{
    /// <summary>How many overdue contacts and due reviews the page lists; the list page has the rest.</summary>
    public const int ListedRows = 20;

    public string DisplayName { get; private set; } = "";
    public bool IsAdmin { get; private set; }
    public ScopeLevel ScopeLevel { get; private set; }
    public IReadOnlyList<(ClientStatus Status, int Count)> ByStatus { get; private set; } = [];
    public DateTimeOffset CountedAt { get; private set; }
    public IReadOnlyList<ReviewDueRow> ReviewDue { get; private set; } = [];
    public Tally ReviewDueTotal { get; private set; }
    public IReadOnlyList<OverdueContactRow> OverdueContacts { get; private set; } = [];
    public Tally OverdueContactTotal { get; private set; }
    public int PendingProposals { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        DisplayName = User.FindFirst(CrmClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "";
        IsAdmin = User.IsInRole(Roles.Admin);
        ScopeLevel = actor.Scope.Level;
        if (IsAdmin)
        {
            return;
        }

        var summary = await summaries.GetAsync("start", actor.Scope, SummarizeAsync, ct);
        ByStatus = summary.Value.ByStatus;
        CountedAt = summary.At;
        PendingProposals = await Grading.PendingProposals.CountAsync(db, actor.Scope, summaries, ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var due = db.Clients.AsNoTracking().WhereCardReviewDue(today);
        ReviewDueTotal = await due.TallyAsync(ct);
        ReviewDue = await due.OrderBy(c => c.CardReviewDueOn).ThenBy(c => c.Id).Take(ListedRows)
            .Select(c => new ReviewDueRow(c.Id, c.Name, c.CardReviewedAt, c.CardReviewDueOn)).ToListAsync(ct);

        // SPEC §4: an overdue contact is shown to the owner and to their department head (the scope filter decides who
        // sees which); key clients first, then the longest overdue. Each grade is one range of the due-day index.
        var overdue = db.Clients.AsNoTracking().WhereContactOverdue(today);
        OverdueContactTotal = await overdue.TallyAsync(ct);
        var rows = new List<OverdueContactRow>();
        foreach (var grade in Enum.GetValues<ClientGrade>().Order())
        {
            if (rows.Count == ListedRows)
            {
                break;
            }

            rows.AddRange(await (
                from c in overdue.Where(c => c.Grade == grade).OrderBy(c => c.ContactDueOn).ThenBy(c => c.Id).Take(ListedRows - rows.Count)
                join u in db.Users on c.OwnerId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                select new OverdueContactRow(c.Id, c.Name, c.Grade, c.LastContactOn, c.ContactDueOn, u.DisplayName ?? "")).ToListAsync(ct));
        }

        OverdueContacts = rows;
    }

    private async Task<StartSummary> SummarizeAsync(CancellationToken ct)
    {
        var counts = await db.Clients.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new StartSummary(Enum.GetValues<ClientStatus>().Select(s => (s, counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0)).ToList());
    }
}
