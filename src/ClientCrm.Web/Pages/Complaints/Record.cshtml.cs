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

/// <summary>Records a client's complaint (客户投诉记录): when and how it came in, its nature and content. The head is told.</summary>
public sealed class RecordModel(CrmDbContext db, ICurrentActor actor, IValidator<ComplaintInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public ComplaintInput Input { get; set; } = new();

    public Guid ClientId { get; private set; }
    public string ClientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid clientId, CancellationToken ct)
    {
        if (!await LoadAsync(clientId, ct))
        {
            return NotFound();
        }

        Input.ReceivedOn = clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return NotFound();
        }

        (ClientId, ClientName) = (client.Id, client.Name);
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (Input.ReceivedOn is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ComplaintInput.ReceivedOn)}", l["Complaints.ReceivedOnRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var who = await WorkflowPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
        var complaint = Complaint.Record(client, who, Input.ReceivedOn!.Value, Input.Channel ?? 0, Input.Nature ?? 0, Input.Content, clock.Today, clock.UtcNow);
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Complaints.Done.Record"].Value;
        return RedirectToPage("/Complaints/Details", new { id = complaint.Id });
    }

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(ClientId, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.Where(c => c.Id == clientId).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
        if (client is null)
        {
            return false;
        }

        (ClientId, ClientName) = (client.Id, client.Name);
        return true;
    }
}
