using ClientCrm.Domain.Dossier;
using System.Linq.Expressions;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Warnings;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Todo;

/// <summary>What kind of workflow item waits.</summary>
public enum TodoKind
{
    Warning = 1,
    Evaluation = 2,
    Complaint = 3,
    ContractReview = 4,
    InformationReport = 5,
    AccountabilityCase = 6,
    AccessRequest = 7,

    /// <summary>A business license or credit certificate expires within 30 days: the owner (and the head) get a new one.</summary>
    DocumentExpiring = 8,
}

/// <summary>
/// One thing waiting for the signed-in person: what it is, for which client, which step, since when and by when.
/// <see cref="Due"/> is null for a step without a due time.
/// </summary>
public sealed record TodoItem(TodoKind Kind, Guid Id, Guid? ClientId, string ClientName, string Step, DateTimeOffset Since, DateTimeOffset? Due)
{
    public string Href => Kind switch
    {
        TodoKind.Warning => $"/Warnings/{Id}",
        TodoKind.Complaint => $"/Complaints/{Id}",
        TodoKind.ContractReview => $"/ContractReviews/{Id}",
        TodoKind.AccountabilityCase => $"/Accountability/{Id}",
        TodoKind.InformationReport => $"/InformationReports/{Id}",
        TodoKind.AccessRequest => $"/AccessRequests/{Id}",
        TodoKind.DocumentExpiring => $"/Clients/{ClientId}/Documents/{Id}",
        _ => $"/Evaluations/{Id}",
    };

    public bool IsOverdue(DateTimeOffset now) => Due is { } due && due <= now;
}

/// <summary>
/// The to-do list (待办, issue 12): everything waiting for the signed-in person across the workflows, oldest first. Who an
/// item waits for is its workflow table's next actors (<see cref="WorkflowTable{TState,TAction}.NextActors"/>) met with what
/// the person is to its client:
/// <list type="bullet">
/// <item>staff: their own clients' evaluation drafts (and a head's or leader's own drafts alike);</item>
/// <item>a department head: the department's warnings to review and evaluations to review (the scope filter is the department);</item>
/// <item>a leader: evaluations to decide, and whatever waits for a department head that has none, or was escalated to the leaders.</item>
/// </list>
/// Each workflow contributes one capped, indexed query; later workflows add theirs here.
/// </summary>
public sealed class TodoList(CrmDbContext db, ICurrentActor actor, ScopeSummaries summaries, Domain.Common.BusinessClock clock)
{
    /// <summary>At most this many items per workflow are listed (oldest first); the count says when there are more.</summary>
    public const int PerWorkflow = 200;

    /// <summary>Everything waiting, with each item's client named, for the pages that list the items.</summary>
    public async Task<IReadOnlyList<TodoItem>> ReadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var scope = actor.Scope;
        if (scope.Level == ScopeLevel.None || scope.UserId is null)
        {
            return [];
        }

        // The names are read apart, by id, for all workflows at once, and only for the pages that list the items: the top
        // bar's count on every page needs none, and reading ~1,400 clients' names was the largest statement of a head's
        // recount at 1,000,000 clients (62 ms). Kept as the list is, so a named list is at most a minute older than its list.
        return (await summaries.GetAsync("todo-named:" + scope.UserId, scope, async token =>
        {
            var items = await KeptAsync(scope, token);
            var names = await PickLists.ClientNamesAsync(db, items.Where(i => i.ClientId is not null).Select(i => i.ClientId!.Value), token);
            return (IReadOnlyList<TodoItem>)items.Select(i => i.ClientId is { } id ? i with { ClientName = names.GetValueOrDefault(id, "") } : i).ToList();
        }, ct)).Value;
    }

    /// <summary>How many items wait, for the top bar (capped: "99+").</summary>
    public async Task<int> CountAsync(DateTimeOffset now, CancellationToken ct)
    {
        var scope = actor.Scope;
        return scope.Level == ScopeLevel.None || scope.UserId is null ? 0 : (await KeptAsync(scope, ct)).Count;
    }

    /// <summary>
    /// The list without the clients' names, kept per person (their own drafts are in it), as the scope's summaries are
    /// (ScopeSummaries): after a save here every request waits for one recount; past a minute one request recounts while the
    /// others are served what is kept. The top bar shows the count on every page, and a leader's recount at 1,000,000 clients
    /// takes about a second: with a plain expiry every page of that leader waited for it once a minute (p99 1.3 s at 8
    /// connections).
    /// </summary>
    private async Task<IReadOnlyList<TodoItem>> KeptAsync(AccessScope scope, CancellationToken ct) =>
        (await summaries.GetAsync("todo:" + scope.UserId, scope, token => ComputeAsync(scope, token), ct)).Value;

    private async Task<IReadOnlyList<TodoItem>> ComputeAsync(AccessScope scope, CancellationToken ct)
    {
        var settings = await db.WorkflowSettings.AsNoTracking().SingleAsync(ct);
        var warningDays = (await db.WarningSettings.AsNoTracking().SingleAsync(ct)).EscalateAfterDays;
        var headless = scope.IsLeader ? await HeadlessDepartmentsAsync(db, ct) : [];
        var items = new List<TodoItem>();
        items.AddRange(await EvaluationsAsync(scope, headless, settings.EvaluationStepDueDays, ct));
        items.AddRange(await WarningsAsync(scope, headless, warningDays, ct));
        items.AddRange(await ComplaintsAsync(scope, headless, settings.ComplaintStepDueDays, ct));
        items.AddRange(await ContractReviewsAsync(scope, headless, settings.ContractReviewStepDueDays, ct));
        items.AddRange(await AccountabilityCasesAsync(scope, headless, settings.AccountabilityStepDueDays, ct));
        items.AddRange(await InformationReportsAsync(scope, headless, settings.InformationReportStepDueDays, ct));
        items.AddRange(await AccessRequestsAsync(scope, ct));
        items.AddRange(await ExpiringDocumentsAsync(scope, ct));
        // The workflows' statements read no client name: read with each workflow's rows, the name made PostgreSQL fetch the
        // heap row of every client of the person's scope (a staff member's 9,850 at 1,000,000 clients: 386 of the evaluation
        // drafts' 457 ms), where the scope alone is answered from the owner's or department's index.
        return items.OrderBy(i => i.Due ?? DateTimeOffset.MaxValue).ThenBy(i => i.Since).ToList();
    }

    private async Task<List<TodoItem>> EvaluationsAsync(AccessScope scope, IReadOnlyList<int> headless, int dueDays, CancellationToken ct)
    {
        var me = scope.UserId!;
        var evaluations = OnDepartmentCopy(db.ClientEvaluations.AsNoTracking(), scope);
        IQueryable<ClientEvaluation> mine;
        if (scope.IsLeader)
        {
            // To decide; and to review where the department has no head, or the head let it wait past its due time.
            mine = evaluations.Where(e => e.State == EvaluationState.Reviewed
                                          || (e.State == EvaluationState.Submitted && (e.EscalatedAt != null || headless.Contains(e.Client!.DepartmentId)))
                                          || (e.State == EvaluationState.Draft && EF.Property<string>(e, ClientScopeCopy.OwnerColumn) == me));
        }
        else
        {
            // One range of the owner's copy: through the clients it probed every client the person owns (10,000 at 1,000,000).
            mine = evaluations.Where(e => e.State == EvaluationState.Draft).Where(ClientScopeCopy.OwnedBy<ClientEvaluation>(me));
        }

        Expression<Func<ClientEvaluation, Waiting<EvaluationState>>> row = e => new Waiting<EvaluationState>(e.Id, e.ClientId, null, e.State, e.StateSince, null);
        var due = DueAfter(ClientEvaluation.Flow, dueDays);
        var found = await OldestAsync(mine, TodoKind.Evaluation, row, due, ct);
        if (scope.IsDepartmentHead)
        {
            // The department's submissions apart, from the copy's index in time order, merged with the head's own drafts: one OR
            // of both looked up the client of every open evaluation of the department for its owner (2,766 lookups in 243 ms at
            // 1,000,000 clients).
            var review = await OldestAsync(evaluations.Where(e => e.State == EvaluationState.Submitted), TodoKind.Evaluation, row, due, ct);
            found = Merged(review, found);
        }

        return found;
    }

    /// <summary>The oldest <see cref="PerWorkflow"/> of one workflow's items found by two queries, each once.</summary>
    private static List<TodoItem> Merged(List<TodoItem> first, List<TodoItem> second) =>
        first.Concat(second).DistinctBy(i => i.Id).OrderBy(i => i.Since).ThenBy(i => i.Id).Take(PerWorkflow).ToList();

    private async Task<List<TodoItem>> WarningsAsync(AccessScope scope, List<int> headless, int escalateAfterDays, CancellationToken ct)
    {
        if (!scope.IsLeader && !scope.IsDepartmentHead)
        {
            return [];
        }

        var open = OnDepartmentCopy(db.Warnings.AsNoTracking(), scope).Where(Warning.IsOpen);
        // A head reviews the department's warnings (the scope filter); a leader those escalated or of a department without a head.
        var mine = open;
        if (scope.IsLeader)
        {
            // Two indexed ranges, not one OR over every open warning and its client (250 ms at 76,000 open warnings).
            mine = open.Where(w => w.EscalatedAt != null);
            if (headless.Count > 0)
            {
                mine = mine.Union(open.Where(w => headless.Contains(w.Client!.DepartmentId)));
            }
        }

        var rows = await mine.OrderBy(w => w.RaisedAt).ThenBy(w => w.Id).Take(PerWorkflow)
            .Select(w => new { w.Id, w.ClientId, w.State, w.RaisedAt })
            .ToListAsync(ct);
        return rows.Select(r => new TodoItem(TodoKind.Warning, r.Id, r.ClientId, "", $"Todo.Warning.{r.State}", r.RaisedAt,
                r.State == WarningState.Open ? Warning.AcknowledgementDue(r.RaisedAt, escalateAfterDays) : null))
            .ToList();
    }

    private async Task<List<TodoItem>> ComplaintsAsync(AccessScope scope, IReadOnlyList<int> headless, int dueDays, CancellationToken ct)
    {
        var me = scope.UserId!;
        var complaints = OnDepartmentCopy(db.Complaints.AsNoTracking(), scope);
        IQueryable<Domain.Complaints.Complaint> mine;
        if (scope.IsLeader)
        {
            // To instruct; and the head's steps where the department has none, or that waited past their due time.
            mine = complaints.Where(c => c.State == Domain.Complaints.ComplaintState.Investigated
                                         || (c.State != Domain.Complaints.ComplaintState.Archived && c.State != Domain.Complaints.ComplaintState.Investigated
                                             && (c.EscalatedAt != null || headless.Contains(c.Client!.DepartmentId))));
        }
        else if (scope.IsDepartmentHead)
        {
            mine = complaints.Where(c => c.State == Domain.Complaints.ComplaintState.Recorded || c.State == Domain.Complaints.ComplaintState.Instructed
                                         || c.State == Domain.Complaints.ComplaintState.Corrected || c.State == Domain.Complaints.ComplaintState.ClientNotified);
        }
        else
        {
            // The owner tells the client once the correction is done.
            mine = complaints.Where(c => c.State == Domain.Complaints.ComplaintState.Corrected && c.Client!.OwnerId == me);
        }

        return await OldestAsync(mine, TodoKind.Complaint,
            c => new Waiting<Domain.Complaints.ComplaintState>(c.Id, c.ClientId, null, c.State, c.StateSince, null),
            DueAfter(Domain.Complaints.Complaint.Flow, dueDays), ct);
    }

    /// <summary>
    /// Contract reviews: the owner's drafts and the submissions still without the owner's opinion; a head's department's
    /// submissions without the head's opinion, or waiting for the head's result (not an A client's); a leader's A clients'
    /// submissions (opinion and result), and the head's where the department has none or it waited past its due time.
    /// </summary>
    private async Task<List<TodoItem>> ContractReviewsAsync(AccessScope scope, List<int> headless, int dueDays, CancellationToken ct)
    {
        var me = scope.UserId!;
        var reviews = OnDepartmentCopy(db.ContractReviews.AsNoTracking(), scope);
        var draft = Domain.ContractReviews.ContractReviewState.Draft;
        var submitted = Domain.ContractReviews.ContractReviewState.Submitted;
        var ownTurn = reviews.Where(ClientScopeCopy.OwnedBy<Domain.ContractReviews.ContractReview>(me))
            .Where(r => r.State == draft || (r.State == submitted && !r.Opinions.Any(o => o.Submission == r.Submission && o.ById == me)));
        Expression<Func<Domain.ContractReviews.ContractReview, Waiting<Domain.ContractReviews.ContractReviewState>>> row =
            r => new Waiting<Domain.ContractReviews.ContractReviewState>(r.Id, r.ClientId, null, r.State, r.StateSince, null);
        var due = DueAfter(Domain.ContractReviews.ContractReview.Flow, dueDays);
        if (scope.IsLeader)
        {
            // The leaders' turn read from the review's own columns, the leader's own clients' turn apart, the two merged here:
            // one OR of both looked up the client of every open review for its owner (286 ms at 1,000,000 clients, once a
            // minute), and a UNION deduplicated whole rows (918 ms). The departments without a head need the client only
            // when there are any.
            Expression<Func<Domain.ContractReviews.ContractReview, bool>> leadersTurn = r => r.State == submitted && (r.LeaderRequired || r.EscalatedAt != null);
            if (headless.Count > 0)
            {
                leadersTurn = Predicates.Either(leadersTurn, r => r.State == submitted && headless.Contains(r.Client!.DepartmentId));
            }

            var leaders = await OldestAsync(reviews.Where(leadersTurn), TodoKind.ContractReview, row, due, ct);
            return Merged(leaders, await OldestAsync(ownTurn, TodoKind.ContractReview, row, due, ct));
        }

        if (scope.IsDepartmentHead)
        {
            // As the leader's: the head's turn from the department's open reviews (the copy's index in time order), the head's
            // own clients' turn apart; one OR of both looked up the client of every open review of the department for its owner.
            var heads = await OldestAsync(reviews.Where(r => r.State == submitted && (!r.LeaderRequired || !r.Opinions.Any(o => o.Submission == r.Submission && o.ById == me))),
                TodoKind.ContractReview, row, due, ct);
            return Merged(heads, await OldestAsync(ownTurn, TodoKind.ContractReview, row, due, ct));
        }

        return await OldestAsync(ownTurn, TodoKind.ContractReview, row, due, ct);
    }

    /// <summary>
    /// Accountability cases (SPEC §5.3): the department's report (its head, and the owner of the client), the leaders' review
    /// and decision, the head's closing once the decision is carried out; a leader also gets the department's steps where it
    /// has no head, or that went past due. The report is due at the end of its due day (company time).
    /// </summary>
    private async Task<List<TodoItem>> AccountabilityCasesAsync(AccessScope scope, IReadOnlyList<int> headless, int stepDays, CancellationToken ct)
    {
        var me = scope.UserId!;
        var cases = OnDepartmentCopy(db.AccountabilityCases.AsNoTracking(), scope);
        IQueryable<Domain.Accountability.AccountabilityCase> mine;
        if (scope.IsLeader)
        {
            mine = cases.Where(c => c.State == Domain.Accountability.AccountabilityState.ReportSubmitted || c.State == Domain.Accountability.AccountabilityState.UnderReview
                                    || ((c.State == Domain.Accountability.AccountabilityState.Opened || c.State == Domain.Accountability.AccountabilityState.Decided)
                                        && (c.EscalatedAt != null || headless.Contains(c.Client!.DepartmentId))));
        }
        else if (scope.IsDepartmentHead)
        {
            mine = cases.Where(c => c.State == Domain.Accountability.AccountabilityState.Opened || c.State == Domain.Accountability.AccountabilityState.Decided);
        }
        else
        {
            mine = cases.Where(c => c.State == Domain.Accountability.AccountabilityState.Opened && c.Client!.OwnerId == me);
        }

        return await OldestAsync(mine, TodoKind.AccountabilityCase,
            c => new Waiting<Domain.Accountability.AccountabilityState>(c.Id, c.ClientId, null, c.State, c.StateSince, c.ReportDueOn),
            r => r.State == Domain.Accountability.AccountabilityState.Opened ? clock.StartOf(r.DueOn!.Value.AddDays(1)) : r.Since.AddDays(stepDays), ct);
    }

    private async Task<List<TodoItem>> InformationReportsAsync(AccessScope scope, IReadOnlyList<int> headless, int dueDays, CancellationToken ct)
    {
        // The same question as the reports' "waiting for me" tab, asked once (ReportPeople.WaitingFor).
        return await OldestAsync(InformationReports.ReportPeople.WaitingFor(db.InformationReports.AsNoTracking(), scope, headless), TodoKind.InformationReport,
            r => new Waiting<Domain.InformationReports.InformationReportState>(r.Id, r.ClientId, r.ClientId == null ? r.ProspectName : null, r.State,
                r.StateSince, null),
            DueAfter(Domain.InformationReports.InformationReport.Flow, dueDays), ct);
    }

    /// <summary>
    /// Access requests (调阅申请) waiting for a leader's decision, oldest first: the leaders' only. No due time: only leaders
    /// decide them, so there is nobody above to escalate to (<see cref="Domain.Dossier.AccessRequest.Flow"/>).
    /// </summary>
    private async Task<List<TodoItem>> AccessRequestsAsync(AccessScope scope, CancellationToken ct)
    {
        if (!scope.IsLeader)
        {
            return [];
        }

        var rows = await db.AccessRequests.AsNoTracking().Where(Domain.Dossier.AccessRequest.IsWaiting)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).Take(PerWorkflow)
            .Select(r => new { r.Id, r.ClientId, r.SubmittedAt }).ToListAsync(ct);
        return rows.Select(r => new TodoItem(TodoKind.AccessRequest, r.Id, r.ClientId, "", "Todo.AccessRequest.Submitted",
            r.SubmittedAt, null)).ToList();
    }

    /// <summary>
    /// Business licenses and credit certificates that expire within <see cref="DossierCompleteness.ReminderDays"/> days (SPEC §8
    /// reminders): the owner's own clients', and a head's department's (the scope filter). Waiting since the reminder began, due
    /// when the document ends. One range of the watched documents' index on ValidUntil.
    /// </summary>
    private async Task<List<TodoItem>> ExpiringDocumentsAsync(AccessScope scope, CancellationToken ct)
    {
        if (scope.IsLeader)
        {
            return [];
        }

        var me = scope.UserId!;
        var today = clock.Today;
        var last = today.AddDays(DossierCompleteness.ReminderDays);
        var documents = OnDepartmentCopy(db.ClientDocuments.AsNoTracking(), scope).Where(Infrastructure.Dossier.DossierStanding.Counted)
            .Where(d => d.ValidUntil != null && d.ValidUntil >= today && d.ValidUntil <= last);
        var mine = scope.IsDepartmentHead ? documents : documents.Where(d => d.Client!.OwnerId == me);
        var rows = await mine.OrderBy(d => d.ValidUntil).ThenBy(d => d.Id).Take(PerWorkflow)
            .Select(d => new { d.Id, d.ClientId, d.Type, ValidUntil = d.ValidUntil!.Value })
            .ToListAsync(ct);
        return rows.Select(r => new TodoItem(TodoKind.DocumentExpiring, r.Id, r.ClientId, "", $"Todo.DocumentExpiring.{r.Type}",
            clock.StartOf(DossierCompleteness.RemindFrom(r.ValidUntil)), clock.StartOf(r.ValidUntil.AddDays(1)))).ToList();
    }

    /// <summary>
    /// A department head's items of a workflow read on the rows' copy of their client's department (<see cref="ClientScopeCopy"/>):
    /// one range of the workflow's department index, oldest first, where the scope filter alone walked every open item of the
    /// company and looked up its client until 200 matched. The scope filter still applies; other scopes are left as they are.
    /// </summary>
    private static IQueryable<T> OnDepartmentCopy<T>(IQueryable<T> items, AccessScope scope)
        where T : class, IClientRecord =>
        ClientScopeCopy.Narrowing<T>(scope) is { } narrowing ? items.Where(narrowing) : items;

    /// <summary>
    /// The oldest <see cref="PerWorkflow"/> of <paramref name="mine"/> (one range of the workflow's open-state index), as to-do
    /// items whose step is named <c>Todo.{kind}.{state}</c> and whose due time is <paramref name="dueOf"/> the row.
    /// </summary>
    private static async Task<List<TodoItem>> OldestAsync<TItem, TState>(IQueryable<TItem> mine, TodoKind kind,
        Expression<Func<TItem, Waiting<TState>>> row, Func<Waiting<TState>, DateTimeOffset?> dueOf, CancellationToken ct)
        where TItem : class, IWorkflowItem
        where TState : struct, Enum
    {
        var rows = await mine.OrderBy(i => i.StateSince).ThenBy(i => i.Id).Take(PerWorkflow).Select(row).ToListAsync(ct);
        return rows.Select(r => new TodoItem(kind, r.Id, r.ClientId, r.OtherName ?? "", $"Todo.{kind}.{r.State}", r.Since, dueOf(r))).ToList();
    }

    /// <summary>A step the table says is due is due <paramref name="days"/> after it began; the others have no due time.</summary>
    private static Func<Waiting<TState>, DateTimeOffset?> DueAfter<TState, TAction>(WorkflowTable<TState, TAction> flow, int days)
        where TState : struct, Enum
        where TAction : struct, Enum =>
        r => flow.EscalatesTo(r.State) != Parties.None ? r.Since.AddDays(days) : null;

    /// <summary>
    /// An item waiting, as the to-do query reads it; <paramref name="DueOn"/> is a due day the item keeps itself. The client's
    /// name is read afterwards by id (<see cref="ComputeAsync"/>); <paramref name="OtherName"/> names an item without a client
    /// (an information report on a prospect).
    /// </summary>
    private sealed record Waiting<TState>(Guid Id, Guid? ClientId, string? OtherName, TState State, DateTimeOffset Since, DateOnly? DueOn);

    /// <summary>The departments whose steps go to the leaders: no enabled head.</summary>
    public static async Task<List<int>> HeadlessDepartmentsAsync(CrmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var headed = db.InRole(Roles.DepartmentHead).Where(u => u.DepartmentId != null).Select(u => u.DepartmentId!.Value);
        return await db.Departments.Where(d => !headed.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
    }
}
