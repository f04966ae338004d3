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

/// <summary>
/// Records a worker incident on a project. Any project of a client in scope may get one, whatever the client's status:
/// workers already abroad stay the company's responsibility after a client is paused or terminated.
/// </summary>
public sealed class CreateModel(CrmDbContext db, IValidator<IncidentInput> validator, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public IncidentInput Input { get; set; } = new();

    public string? FieldOf(DomainException refusal, string? handler) => RefusalFields.In(nameof(Input), IncidentInput.FieldOf(refusal?.Code ?? ""));

    public Guid ClientId { get; private set; }
    public Guid ProjectId { get; private set; }
    public string ProjectName { get; private set; } = "";
    public int BatchWorkers { get; private set; }
    public IReadOnlyList<string> Currencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid clientId, Guid projectId, CancellationToken ct)
    {
        var project = await db.CooperationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId && p.ClientId == clientId, ct);
        if (project is null)
        {
            return NotFound();
        }

        (ClientId, ProjectId, ProjectName, BatchWorkers) = (clientId, projectId, project.Name, project.BatchWorkerCount);
        Input.OccurredOn = clock.Today;
        Input.Status = IncidentStatus.Open;
        // Arrears are usually owed in the currency the wage is paid in.
        Input.ArrearsCurrency = project.WageCurrency;
        Currencies = await ProjectForm.CurrenciesAsync(db, clock.Today, [Input.ArrearsCurrency], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, Guid projectId, CancellationToken ct)
    {
        var project = await db.CooperationProjects.FirstOrDefaultAsync(p => p.Id == projectId && p.ClientId == clientId, ct);
        if (project is null)
        {
            return NotFound();
        }

        (ClientId, ProjectId, ProjectName, BatchWorkers) = (clientId, projectId, project.Name, project.BatchWorkerCount);
        var today = clock.Today;
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        await ProjectForm.CheckListedAsync(db, today, ModelState, l, Input.ListedCurrencies(null), ct);
        Currencies = await ProjectForm.CurrenciesAsync(db, today, [Input.ArrearsCurrency], ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var incident = project.RecordIncident(Input.ToDetails(), clock);
        db.WorkerIncidents.Add(incident);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Incident.Recorded"].Value;
        return RedirectToPage("/Clients/Projects/Details", new { clientId, id = projectId });
    }
}
