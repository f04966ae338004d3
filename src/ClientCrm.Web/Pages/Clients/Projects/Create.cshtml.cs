using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Infrastructure.Evaluations;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects;

/// <summary>
/// Opens a cooperation project. The business gate (SPEC §5.2, <see cref="BusinessGate"/>): only an Active client whose
/// registration is complete and whose evaluation is approved may have a new one, so any other client gets the conditions it
/// misses, each with a link to fix it, instead of the form, and a post for it saves nothing.
/// </summary>
public sealed class CreateModel(CrmDbContext db, IValidator<ProjectInput> validator, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public ProjectInput Input { get; set; } = new();

    public string? FieldOf(DomainException refusal, string? handler) => RefusalFields.In(nameof(Input), ProjectInput.FieldOf(refusal?.Code ?? ""));

    public Guid ClientId { get; private set; }
    public string ClientName { get; private set; } = "";
    public ClientStatus ClientStatus { get; private set; }

    /// <summary>The business gate's conditions the client does not meet (SPEC §5.2): each is named with a link to fix it.</summary>
    public IReadOnlyList<GateCondition> Missing { get; private set; } = [];

    public bool Refused => Missing.Count > 0;
    public IReadOnlyList<string> Currencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.Where(c => c.Id == clientId)
            .Select(c => new { c.Id, c.Name, c.Status, c.CountryCode })
            .FirstOrDefaultAsync(ct);
        if (client is null)
        {
            return NotFound();
        }

        (ClientId, ClientName, ClientStatus) = (client.Id, client.Name, client.Status);
        Missing = await GateFactsQuery.MissingAsync(db, clientId, clock, ct) ?? [];
        if (Refused)
        {
            return Page();
        }

        Input.WorkCountryCode = client.CountryCode;
        Input.Status = ProjectStatus.Negotiating;
        Input.WorkersDispatched = 0;
        Currencies = await ProjectForm.CurrenciesAsync(db, clock.Today, [], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return NotFound();
        }

        (ClientId, ClientName, ClientStatus) = (client.Id, client.Name, client.Status);
        // The server's gate: a post for a client that does not pass it saves nothing, whatever the form showed.
        Missing = await GateFactsQuery.MissingAsync(db, clientId, clock, ct) ?? [];
        if (Refused)
        {
            return Page();
        }

        var today = clock.Today;
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        var quote = await ProjectForm.QuoteAsync(db, Input, today, ModelState, l, ct);
        await ProjectForm.CheckListedAsync(db, today, ModelState, l, ProjectForm.TermCurrencies(Input, null), ct);
        Currencies = await ProjectForm.CurrenciesAsync(db, today, Input.CurrenciesNamed, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var project = CooperationProject.Open(client, Input.ToTerms(), quote, today, clock.UtcNow);
        db.CooperationProjects.Add(project);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Project.Created", project.Name].Value;
        // A project entered in contract review starts its review: the form, prefilled from the terms just saved (the review's
        // start asks a B client's owner for a report itself). A B client's project signed or trade-tested asks for an
        // important-information report (seed 000 二 2).
        if (await ProjectForm.StartsReviewAsync(db, project, ct))
        {
            return RedirectToPage("/ContractReviews/Start", new { projectId = project.Id });
        }

        if (ReportPrompt.AfterProjectSave(client.Grade, null, project.ContractSignedOn, null, project.TradeTestOn) is { } reason)
        {
            return RedirectToPage("/InformationReports/Ask", new { projectId = project.Id, reason });
        }

        return RedirectToPage("/Clients/Projects/Details", new { clientId, id = project.Id });
    }
}
