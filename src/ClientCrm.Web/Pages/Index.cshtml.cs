using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
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

/// <summary>An accountability case whose report is past its due day (SPEC §5.3), for the head's and the leaders' start page.</summary>
public sealed record OverdueCaseRow(Guid Id, string ClientName, DateOnly ReportDueOn);

public sealed record ReviewDueRow(Guid Id, string Name, DateTimeOffset ReviewedAt, DateOnly? DueOn);

/// <summary>An overdue contact as read, before the owner's name is added from the kept people.</summary>
public sealed record OverdueContactRead(Guid Id, string Name, ClientGrade Grade, DateOnly? LastContactOn, DateOnly? ContactDueOn, string OwnerId);

/// <summary>The start page's two lists, as <see cref="KeptReads"/> keeps them.</summary>
public sealed record StartPageLists(IReadOnlyList<ReviewDueRow> ReviewDue, IReadOnlyList<OverdueContactRead> OverdueContacts, IReadOnlyList<OverdueCaseRow> OverdueCases);

/// <summary>The start page: the user's clients by status, overdue contacts, cards due for review and proposals to decide.</summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, ScopeSummaries summaries, BusinessClock clock, KeptReads keptReads,
    Todo.TodoList todo) : PageModel
{
    /// <summary>How many overdue contacts and due reviews the page lists; the list page has the rest.</summary>
    public const int ListedRows = 20;

    public string DisplayName { get; private set; } = "";
    public bool IsAdmin { get; private set; }
    public ScopeLevel ScopeLevel { get; private set; }
    public IReadOnlyList<(ClientStatus Status, Tally Count)> ByStatus { get; private set; } = [];
    public DateTimeOffset CountedAt { get; private set; }
    public IReadOnlyList<ReviewDueRow> ReviewDue { get; private set; } = [];
    public Tally ReviewDueTotal { get; private set; }
    public IReadOnlyList<OverdueContactRow> OverdueContacts { get; private set; } = [];
    public Tally OverdueContactTotal { get; private set; }
    public int PendingProposals { get; private set; }

    /// <summary>Accountability reports past their due day, the longest overdue first (heads and leaders; capped at <see cref="ListedRows"/>).</summary>
    public IReadOnlyList<OverdueCaseRow> OverdueCases { get; private set; } = [];

    /// <summary>What waits for this person (issue 12: the start page leads with the to-do list), the most urgent first.</summary>
    public IReadOnlyList<Todo.TodoItem> Waiting { get; private set; } = [];

    public int WaitingTotal { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>Items of the to-do list shown on the start page; the rest are on /Todo.</summary>
    public const int WaitingShown = 8;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.UtcNow;
        var waiting = await todo.ReadAsync(Now, ct);
        (Waiting, WaitingTotal) = (waiting.Take(WaitingShown).ToList(), waiting.Count);
        DisplayName = User.FindFirst(CrmClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "";
        IsAdmin = User.IsInRole(Roles.Admin);
        ScopeLevel = actor.Scope.Level;
        if (IsAdmin)
        {
            return;
        }

        var byStatus = await Clients.ClientTallies.ByStatusAsync(db, actor.Scope, summaries, ct);
        ByStatus = byStatus.Value;
        CountedAt = byStatus.At;
        PendingProposals = await Grading.PendingProposals.CountAsync(db, actor.Scope, summaries, ct);

        var today = clock.Today;
        var due = db.Clients.AsNoTracking().WhereCardReviewDue(today);
        var overdue = db.Clients.AsNoTracking().WhereContactOverdue(today);
        // The two totals are whole-scope counts, kept like the figures above (a day's due list changes with the data).
        var day = today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        ReviewDueTotal = (await summaries.GetAsync("review-due:" + day, actor.Scope, token => due.TallyAsync(token), ct)).Value;
        OverdueContactTotal = (await summaries.GetAsync("contact-overdue:" + day, actor.Scope, token => overdue.TallyAsync(token), ct)).Value;
        // The two lists are kept (KeptReads) like the list pages' first pages, until this instance changes a client.
        var lists = await keptReads.GetOrComputeAsync(actor.Scope, "start-page:" + day, async token =>
        {
            var reviews = await due.OrderBy(c => c.CardReviewDueOn).ThenBy(c => c.Id).Take(ListedRows)
                .Select(c => new ReviewDueRow(c.Id, c.Name, c.CardReviewedAt, c.CardReviewDueOn)).ToListAsync(token);

            // SPEC §4: an overdue contact is shown to the owner and to their department head (the scope filter decides
            // who sees which); key clients first, then the longest overdue. Each grade is one range of the due-day
            // index, and the three ranges are read in one statement.
            IQueryable<Client> Longest(ClientGrade grade) =>
                overdue.Where(c => c.Grade == grade).OrderBy(c => c.ContactDueOn).ThenBy(c => c.Id).Take(ListedRows);
            var contacts = await Longest(ClientGrade.A).Concat(Longest(ClientGrade.B)).Concat(Longest(ClientGrade.C))
                .Select(c => new OverdueContactRead(c.Id, c.Name, c.Grade, c.LastContactOn, c.ContactDueOn, c.OwnerId))
                .ToListAsync(token);
            // A report turns overdue when the day changes (the key's day) or a case is saved (the kept reads' version).
            // One range of the report-due index (state Opened), capped; the scope filter keeps a head to the department.
            var cases = actor.Scope.IsLeader || actor.Scope.IsDepartmentHead
                ? await db.AccountabilityCases.AsNoTracking().Where(Domain.Accountability.AccountabilityCase.ReportOverdue(today))
                    .OrderBy(c => c.ReportDueOn).ThenBy(c => c.Id).Take(ListedRows)
                    .Select(c => new OverdueCaseRow(c.Id, c.Client!.Name, c.ReportDueOn)).ToListAsync(token)
                : [];
            return new StartPageLists(reviews, contacts, cases);
        }, ct);
        ReviewDue = lists.ReviewDue;
        OverdueCases = lists.OverdueCases;
        var rows = lists.OverdueContacts;
        var people = await PickLists.PeopleAsync(db, summaries, ct);
        OverdueContacts = rows.OrderBy(r => r.Grade).ThenBy(r => r.ContactDueOn).ThenBy(r => r.Id).Take(ListedRows)
            .Select(r => new OverdueContactRow(r.Id, r.Name, r.Grade, r.LastContactOn, r.ContactDueOn, people.GetValueOrDefault(r.OwnerId, "")))
            .ToList();
    }
}
