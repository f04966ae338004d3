using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects.Incidents;

/// <summary>Updates an incident as it is handled: status, handling record (required once resolved), corrections.</summary>
public sealed class EditModel(CrmDbContext db, IValidator<IncidentInput> validator, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public IncidentInput Input { get; set; } = new();

    public string? FieldOf(DomainException refusal, string? handler) => RefusalFields.In(nameof(Input), IncidentInput.FieldOf(refusal?.Code ?? ""));

    public Guid ClientId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid Id { get; private set; }
    public string ProjectName { get; private set; } = "";
    public int BatchWorkers { get; private set; }
    public IReadOnlyList<string> Currencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid clientId, Guid projectId, Guid id, CancellationToken ct)
    {
        var incident = await db.WorkerIncidents.AsNoTracking().Include(i => i.Project)
            .FirstOrDefaultAsync(i => i.Id == id && i.ProjectId == projectId && i.ClientId == clientId, ct);
        if (incident?.Project is not { } project)
        {
            return NotFound();
        }

        Load(project, id);
        Input = IncidentInput.From(incident);
        Currencies = await ProjectForm.CurrenciesAsync(db, clock.Today, [Input.ArrearsCurrency], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, Guid projectId, Guid id, CancellationToken ct)
    {
        var incident = await db.WorkerIncidents.Include(i => i.Project)
            .FirstOrDefaultAsync(i => i.Id == id && i.ProjectId == projectId && i.ClientId == clientId, ct);
        if (incident?.Project is not { } project)
        {
            return NotFound();
        }

        Load(project, id);
        var today = clock.Today;
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        await ProjectForm.CheckListedAsync(db, today, ModelState, l, Input.ListedCurrencies(incident), ct);
        Currencies = await ProjectForm.CurrenciesAsync(db, today, [Input.ArrearsCurrency], ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        project.ReviseIncident(incident, Input.ToDetails(), clock);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Incident.Saved"].Value;
        return RedirectToPage("/Clients/Projects/Details", new { clientId, id = projectId });
    }

    private void Load(CooperationProject project, Guid id) =>
        (ClientId, ProjectId, Id, ProjectName, BatchWorkers) = (project.ClientId, project.Id, id, project.Name, project.BatchWorkerCount);
}
