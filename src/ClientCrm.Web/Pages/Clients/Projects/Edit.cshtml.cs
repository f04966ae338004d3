using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects;

/// <summary>
/// Revises a project's terms. The CNY equivalent fixed at entry stays unless amount or currency change; then the rate
/// in force today is used. The row version guards against two people overwriting each other.
/// </summary>
public sealed class EditModel(CrmDbContext db, IValidator<ProjectInput> validator, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public ProjectInput Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }

    public Guid ClientId { get; private set; }
    public Guid Id { get; private set; }
    public string ClientName { get; private set; } = "";
    public string ProjectName { get; private set; } = "";
    public decimal? AmountCny { get; private set; }
    public RateQuote? RateUsed { get; private set; }
    public IReadOnlyList<string> Currencies { get; private set; } = [];

    /// <summary>Where the project's contract review is started or continued, while the project is not initiated (立项).</summary>
    public string? ReviewLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clientId, Guid id, CancellationToken ct)
    {
        var project = await db.CooperationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ClientId == clientId, ct);
        if (project is null)
        {
            return NotFound();
        }

        await LoadAsync(project, ct);
        Input = ProjectInput.From(project);
        Version = project.Version;
        Currencies = await ProjectForm.CurrenciesAsync(db, clock.Today, Input.CurrenciesNamed, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, Guid id, CancellationToken ct)
    {
        var project = await db.CooperationProjects.FirstOrDefaultAsync(p => p.Id == id && p.ClientId == clientId, ct);
        if (project is null)
        {
            return NotFound();
        }

        await LoadAsync(project, ct);
        var today = clock.Today;
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        var quote = await ProjectForm.QuoteAsync(db, Input, today, ModelState, l, ct);
        await ProjectForm.CheckListedAsync(db, today, ModelState, l, ProjectForm.TermCurrencies(Input, project), ct);
        Currencies = await ProjectForm.CurrenciesAsync(db, today, Input.CurrenciesNamed, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Entry(project).Property(p => p.Version).OriginalValue = Version;
        var (signedBefore, testBefore) = (project.ContractSignedOn, project.TradeTestOn);
        project.Revise(Input.ToTerms(), quote, today, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Project.Saved"].Value;
        // Setting a project to contract review starts its review: the form, prefilled from the terms just saved (the review's
        // start asks a B client's owner for a report itself). A B client's project signed or trade-tested asks for an
        // important-information report (seed 000 二 2).
        if (await ProjectForm.StartsReviewAsync(db, project, ct))
        {
            return RedirectToPage("/ContractReviews/Start", new { projectId = id });
        }

        var grade = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Grade).FirstAsync(ct);
        if (ReportPrompt.AfterProjectSave(grade, signedBefore, project.ContractSignedOn, testBefore, project.TradeTestOn) is { } reason)
        {
            return RedirectToPage("/InformationReports/Ask", new { projectId = id, reason });
        }

        return RedirectToPage("/Clients/Projects/Details", new { clientId, id });
    }

    public string? FieldOf(DomainException refusal, string? handler) => RefusalFields.In(nameof(Input), ProjectInput.FieldOf(refusal?.Code ?? ""));

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct)
    {
        if (refused is DbUpdateConcurrencyException)
        {
            // Keep what the user typed; they can look at the saved project in another tab and save it over that one.
            Version = await db.CooperationProjects.AsNoTracking().Where(p => p.Id == Id).Select(p => p.Version).FirstAsync(ct);
            ModelState.Remove(nameof(Version));
        }

        return Page();
    }

    private async Task LoadAsync(CooperationProject project, CancellationToken ct)
    {
        (ClientId, Id, ProjectName, AmountCny) = (project.ClientId, project.Id, project.Name, project.AmountCny);
        ReviewLink = project.IsInitiated ? null : $"/ContractReviews/Start?projectId={project.Id}";
        RateUsed = project is { Currency: { } currency, RateUsed: { } rate, RateDate: { } on } && currency != RateQuote.Cny ? new RateQuote(currency, rate, on) : null;
        ClientName = await db.Clients.Where(c => c.Id == project.ClientId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
    }
}
