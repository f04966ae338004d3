using ClientCrm.Domain.Common;
using ClientCrm.Domain.Complaints;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Evaluations;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Complaints;

/// <summary>
/// One complaint (客户投诉记录表): what the client complained of, the investigation, the leader's instruction, the correction
/// and penalty, how the client was told; its timeline with how long each step took; and the forms of the steps this person
/// may take now, from the complaint's table. Every handler loads the complaint through the scoped set (out of scope: 404).
/// </summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IValidator<ComplaintInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    private Guid _id;

    public Complaint Complaint { get; private set; } = null!;
    public EvaluationClient Client { get; private set; } = null!;
    public string? ResponsibleDepartmentName { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    public WorkflowTimeline Timeline { get; private set; } = new("complaint-timeline", []);
    public IReadOnlyList<ComplaintAction> Actions { get; private set; } = [];

    [BindProperty] public ComplaintInput Input { get; set; } = new();

    public bool Offers(ComplaintAction action) => Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.ResponsibleDepartmentId ??= Client.DepartmentId;
        Input.ClientNotifiedOn ??= clock.Today;
        return Page();
    }

    public Task<IActionResult> OnPostInvestigateAsync(Guid id, CancellationToken ct) => TakeAsync(id, ComplaintAction.Investigate, ct);

    public Task<IActionResult> OnPostInstructAsync(Guid id, CancellationToken ct) => TakeAsync(id, ComplaintAction.Instruct, ct);

    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct) => TakeAsync(id, ComplaintAction.Correct, ct);

    public Task<IActionResult> OnPostNotifyClientAsync(Guid id, CancellationToken ct) => TakeAsync(id, ComplaintAction.NotifyClient, ct);

    public Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct) => TakeAsync(id, ComplaintAction.Archive, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => TakeAsync(id, ComplaintAction.Note, ct);

    public RefusalMessage Conflict() => new("", "Complaints.ConcurrentUpdate");

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(_id, ct) ? Page() : NotFound();

    private async Task<IActionResult> TakeAsync(Guid id, ComplaintAction action, CancellationToken ct)
    {
        _id = id;
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(new DomainException(), ct);
        }

        var client = await db.Clients.Where(c => c.Id == complaint.ClientId).Select(c => new { c.OwnerId, c.DepartmentId }).SingleAsync(ct);
        var who = await WorkflowPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
        if (action != ComplaintAction.Note)
        {
            db.Entry(complaint).Property(c => c.Version).OriginalValue = Input.Version;
        }

        var now = clock.UtcNow;
        switch (action)
        {
            case ComplaintAction.Investigate:
                // Only a department the company has; anything else is no department.
                var department = Input.ResponsibleDepartmentId is { } d && await db.Departments.AnyAsync(x => x.Id == d, ct) ? d : (int?)null;
                complaint.Investigate(who, Input.Findings, department, Input.ResponsiblePerson, now);
                break;
            case ComplaintAction.Instruct:
                complaint.Instruct(who, Input.LeaderInstruction, now);
                break;
            case ComplaintAction.Correct:
                complaint.Correct(who, Input.CorrectiveAction, Input.Penalty, now);
                break;
            case ComplaintAction.NotifyClient:
                complaint.NotifyClient(who, Input.ClientNotifiedOn, Input.NotifiedHow, clock.Today, now);
                break;
            case ComplaintAction.Archive:
                complaint.Archive(who, now);
                break;
            default:
                complaint.AddNote(who, Input.Note, now);
                break;
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l[$"Complaints.Done.{action}"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var complaint = await db.Complaints.AsNoTracking().Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return false;
        }

        Complaint = complaint;
        Client = await EvaluationClient.ReadAsync(db, complaint.ClientId, ct);
        Departments = (await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name)).ToList();
        ResponsibleDepartmentName = Departments.FirstOrDefault(d => d.Id == complaint.ResponsibleDepartmentId).Name;
        Timeline = WorkflowTimeline.Of("complaint-timeline", complaint.Events, e => e.Kind);
        var who = WorkflowPeople.Actor(actor, User, Client);
        Actions = complaint.ActionsFor(who.Is);
        Input.Version = complaint.Version;
        ModelState.Remove($"{nameof(Input)}.{nameof(ComplaintInput.Version)}");
        return true;
    }
}
