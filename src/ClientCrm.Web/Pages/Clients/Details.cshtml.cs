using System.Globalization;
using ClientCrm.Web.Paging;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Web.Pages.Clients.Projects;
using ClientCrm.Web.Pages.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ClientCrm.Web.Localization;
using ClientCrm.Web.Validation;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>The client's dossier page: enterprise card, principal cards, status, owner.</summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IStringLocalizer<SharedResource> l, BusinessClock clock, ScopeSummaries summaries,
    KeptReads keptReads, ClientCrm.Infrastructure.Dossier.DossierAccess dossier) : PageModel, IRefusalPage
{
    /// <summary>The right this page was read under (SPEC §6): a request's reader sees the card read-only, without the principals' private fields.</summary>
    public Domain.Dossier.DossierRight Right { get; private set; } = Domain.Dossier.DossierRight.Owner;

    public bool ReadsByRequest => Right.IsByRequest;

    /// <summary>When the access request this page is read under ends.</summary>
    public DateTimeOffset? RequestEndsAt { get; private set; }

    public Client Client { get; private set; } = null!;
    public string OwnerName { get; private set; } = "";
    public string DepartmentName { get; private set; } = "";
    public bool ReviewDue { get; private set; }
    public bool IsLeader => actor.Scope.IsLeader;
    public IReadOnlyList<ClientStatus> StatusTargets { get; private set; } = [];
    public ClientGradeView Grading { get; private set; } = null!;
    public ClientProjectsView Projects { get; private set; } = null!;
    public WarningColumnView WarningColumn { get; private set; } = null!;

    /// <summary>The business gate: registration check, evaluation, what is missing before new business.</summary>
    public Evaluations.EvaluationPanelView Gate { get; private set; } = null!;
    public Documents.DossierPanel Dossier { get; private set; } = null!;

    /// <summary>Grades this user may set by hand: a leader any, a department head B or C (never from or to A).</summary>
    public IReadOnlyList<ClientGrade> GradeTargets { get; private set; } = [];
    public IReadOnlyList<LeaderOption> Leaders { get; private set; } = [];

    [BindProperty] public DateOnly? ContactOn { get; set; }
    [BindProperty] public ClientGrade? GradeTo { get; set; }
    [BindProperty] public string? GradeReason { get; set; }
    [BindProperty] public string? GradeLeaderId { get; set; }

    /// <summary>The status change form: the new status and why (required for Paused and Terminated).</summary>
    [BindProperty(Name = "to")] public ClientStatus? StatusTo { get; set; }
    [BindProperty(Name = "reason")] public string? StatusReason { get; set; }

    /// <summary>Longest reason kept (the column's length).</summary>
    public const int MaxStatusReasonLength = 1000;

    public string FieldError(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : "";

    /// <summary>
    /// The card is read under a right (<see cref="ClientCrm.Infrastructure.Dossier.DossierAccess"/>): the owner's, the head's, a
    /// leader's or an approved access request's; the view is registered in the use log. Every POST below stays with the scope
    /// filter, so a reader by request changes nothing (404).
    /// </summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await dossier.ReadClientAsync(id, withPrincipals: true, ct) is not { } read)
        {
            return NotFound();
        }

        var (client, right) = read;
        Right = right;
        await dossier.RecordUseAsync(client.Id, right, Domain.Dossier.DossierUseKind.CardViewed,
            string.Create(CultureInfo.InvariantCulture, $"card, {client.Principals.Count} principal(s)"), ct);
        if (right.IsByRequest)
        {
            RequestEndsAt = await db.AccessRequests.Where(r => r.Number == right.RequestNumber).Select(r => r.GrantedUntil).FirstOrDefaultAsync(ct);
            await LoadReadOnlyAsync(client, ct);
            return Page();
        }

        await LoadAsync(client, ct);
        return Page();
    }

    /// <summary>What a reader by request sees: the card and its principals; the owner's work (grading, projects, forms) is not theirs.</summary>
    private async Task LoadReadOnlyAsync(Client client, CancellationToken ct)
    {
        Client = client;
        OwnerName = (await PickLists.PeopleAsync(db, summaries, ct)).GetValueOrDefault(client.OwnerId, "");
        DepartmentName = (await PickLists.DepartmentsAsync(db, summaries, ct)).FirstOrDefault(d => d.Id == client.DepartmentId).Name ?? "";
    }

    /// <summary>The principals' private fields (family, hobbies, personality, birthday): the owner, the head and the leaders only.</summary>
    public bool ShowsPrivateFields => !ReadsByRequest;

    /// <summary>
    /// Moves the client to another status. Pausing or terminating needs a reason, which the status history and the audit
    /// log keep; a missing reason is shown next to its field with what was chosen and typed.
    /// </summary>
    public async Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        if (StatusTo is not { } to || !Enum.IsDefined(to))
        {
            // In place of the framework's message for a value that is no status.
            ModelState.Remove("to");
            ModelState.AddModelError("to", l["Client.StatusToRequired"]);
        }
        else if (StatusReason?.Trim().Length > MaxStatusReasonLength)
        {
            ModelState.AddModelError("reason", l["Validation.MaxLength", MaxStatusReasonLength]);
        }
        else
        {
            try
            {
                client.ChangeStatus(to, IsLeader, clock.UtcNow, StatusReason, actor.UserId);
            }
            catch (DomainException ex) when (ex.Code != "Client.StatusReasonRequired")
            {
                // Stays a catch: a move this user may not make (the form never offers it) has no field to sit next to, and the
                // client page says it at the top after a redirect, so reloading the page does not post the move again.
                TempData["FlashError"] = l[ex.Code].Value;
                return RedirectToPage(new { id });
            }

            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Client.StatusChanged", l.Enum(to)].Value;
            return RedirectToPage(new { id });
        }

        return await RedisplayAsync(id, ct);
    }

    public async Task<IActionResult> OnPostReviewedAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        client.ConfirmCardReviewed(clock);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Client.ReviewConfirmed"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>The owner records the last contact (until service records keep the clock, SPEC §8).</summary>
    public async Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        if (ContactOn is null)
        {
            ModelState.AddModelError(nameof(ContactOn), l["Grading.ContactDateRequired"]);
        }
        else
        {
            client.RecordContact(ContactOn.Value, await db.GradingThresholdsAsync(ct), clock);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Grading.ContactRecorded", ContactOn.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)].Value;
            return RedirectToPage(new { id });
        }

        return await RedisplayAsync(id, ct);
    }

    /// <summary>A leader (any grade) or the department head (B/C) sets the grade by hand, with a reason.</summary>
    public async Task<IActionResult> OnPostGradeAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        GradingPeople.CheckGradeAndReason(ModelState, l, GradeTo, nameof(GradeTo), GradeReason, nameof(GradeReason));

        var leaderId = string.IsNullOrWhiteSpace(GradeLeaderId) ? null : GradeLeaderId;
        if (leaderId is not null && !await GradingPeople.IsLeaderAsync(db, leaderId, ct))
        {
            ModelState.AddModelError(nameof(GradeTo), l["Grading.NotALeader"]);
        }

        if (ModelState.IsValid)
        {
            client.ChangeGrade(GradeTo!.Value, GradeChangeKind.Manual, GradingPeople.Decider(actor, User), GradeReason, null, leaderId, null,
                await db.GradingThresholdsAsync(ct), clock);
            // A proposal made before the grade was set by hand no longer applies.
            foreach (var pending in await db.GradeProposals.Where(p => p.ClientId == id && p.State == ProposalState.Pending).ToListAsync(ct))
            {
                pending.Supersede();
            }

            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Grading.GradeSet", GradeTo.Value].Value;
            return RedirectToPage(new { id });
        }

        return await RedisplayAsync(id, ct);
    }

    /// <summary>Each form of the page has its own fields: the reason of a status move, the contact date, the grade and its reason.</summary>
    public string? FieldOf(DomainException refusal, string? handler) => handler switch
    {
        "Status" => "reason",
        "Contact" => nameof(ContactOn),
        "Grade" => refusal?.Code == "Grade.ReasonRequired" ? nameof(GradeReason) : nameof(GradeTo),
        _ => null,
    };

    public Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        RedisplayAsync(Guid.Parse((string)RouteData.Values["id"]!, System.Globalization.CultureInfo.InvariantCulture), ct);

    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var client = await db.Clients.Include(c => c.Principals).AsNoTracking().FirstAsync(c => c.Id == id, ct);
        await LoadAsync(client, ct);
        return Page();
    }

    private async Task LoadAsync(Client client, CancellationToken ct)
    {
        Client = client;
        // Names and the thresholds come from the kept lists (PickLists), not from a query each.
        var people = await PickLists.PeopleAsync(db, summaries, ct);
        OwnerName = people.GetValueOrDefault(client.OwnerId, "");
        DepartmentName = (await PickLists.DepartmentsAsync(db, summaries, ct)).FirstOrDefault(d => d.Id == client.DepartmentId).Name ?? "";
        var today = clock.Today;
        ReviewDue = client.IsCardReviewDue(today);
        StatusTargets = ClientStatusRules.TargetsFrom(client.Status, IsLeader);
        // Projects, warnings and grading figures are kept (KeptReads) until this instance changes anything they show: they
        // are most of the page's reads, and a client page is opened again and again while staff work on the client.
        var kept = await keptReads.GetOrComputeAsync(actor.Scope, string.Create(CultureInfo.InvariantCulture,
            $"client-page:{client.Id}:{client.Status}:{today:yyyy-MM-dd}"), async token => new KeptClientReads(
            await ClientProjectsView.LoadAsync(db, client.Id, client.Status, token),
            await WarningColumnView.ForClientAsync(db, client.Id, token),
            await ClientGradeView.ReadAsync(db, client.Id, today, token),
            await Evaluations.EvaluationPanelReads.ReadAsync(db, client.Id, client.DepartmentId, clock, token),
            await Documents.DossierPanel.ReadAsync(db, client.Id, today, token)), ct);
        Dossier = kept.Dossier;
        Projects = kept.Projects;
        WarningColumn = kept.Warnings;
        Gate = Evaluations.EvaluationPanelView.Compose(client, kept.Gate, actor.Scope, actor.UserId);
        Grading = ClientGradeView.Compose(client, kept.Grading, await PickLists.GradingThresholdsAsync(db, summaries, ct), people, clock);
        var decider = GradingPeople.Decider(actor, User);
        GradeTargets = Enum.GetValues<ClientGrade>()
            .Where(g => g != client.Grade && GradeDecisionRules.MayDecide(decider.IsLeader, decider.IsDepartmentHead, client.Grade, g))
            .ToList();
        if (decider.IsLeader)
        {
            Leaders = await PickLists.LeadersAsync(db, summaries, ct);
            GradeLeaderId ??= client.ResponsibleLeaderId ?? actor.UserId;
        }
    }
}

/// <summary>A client page's reads that <see cref="KeptReads"/> keeps.</summary>
internal sealed record KeptClientReads(ClientProjectsView Projects, WarningColumnView Warnings, GradeReads Grading, Evaluations.EvaluationPanelReads Gate,
    Documents.DossierPanel Dossier);
