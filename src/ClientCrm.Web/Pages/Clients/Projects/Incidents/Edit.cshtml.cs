using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Warnings;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects.Incidents;

/// <summary>Updates an incident as it is handled: status, handling record (required once resolved), corrections.</summary>
public sealed class EditModel(CrmDbContext db, WarningTriggers warnings, IValidator<IncidentInput> validator, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel
{
    [BindProperty] public IncidentInput Input { get; set; } = new();

    public Guid ClientId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid Id { get; private set; }
    public string ProjectName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid clientId, Guid projectId, Guid id, CancellationToken ct)
    {
        var incident = await db.WorkerIncidents.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == id && i.ProjectId == projectId && i.ClientId == clientId, ct);
        if (incident is null)
        {
            return NotFound();
        }

        await LoadAsync(clientId, projectId, id, ct);
        Input = IncidentInput.From(incident);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, Guid projectId, Guid id, CancellationToken ct)
    {
        var incident = await db.WorkerIncidents.FirstOrDefaultAsync(i => i.Id == id && i.ProjectId == projectId && i.ClientId == clientId, ct);
        if (incident is null)
        {
            return NotFound();
        }

        await LoadAsync(clientId, projectId, id, ct);
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            incident.Revise(Input.ToDetails(), clock);
            await db.SaveChangesAsync(ct);
            await warnings.ClientDataChangedAsync(clientId, ct);
            TempData["Flash"] = l["Incident.Saved"].Value;
            return RedirectToPage("/Clients/Projects/Details", new { clientId, id = projectId });
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, nameof(Input), IncidentInput.FieldOf, l);
            return Page();
        }
    }

    private async Task LoadAsync(Guid clientId, Guid projectId, Guid id, CancellationToken ct)
    {
        (ClientId, ProjectId, Id) = (clientId, projectId, id);
        ProjectName = await db.CooperationProjects.Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
    }
}
