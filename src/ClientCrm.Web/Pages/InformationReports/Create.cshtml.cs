using System.Globalization;
using System.Text;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Localization;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.InformationReports;

/// <summary>
/// Writes an important-information report (SPEC §5.1): on a client (from its page), on a company not registered yet (its
/// name and country), or, when a B client's project asked for one (<see cref="AskModel"/>), prefilled from the project's
/// terms and linked to it. The head is told, or the leaders for an A client.
/// </summary>
public sealed class CreateModel(CrmDbContext db, ICurrentActor actor, IValidator<ReportInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty(SupportsGet = true)] public Guid? ClientId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ProjectId { get; set; }
    [BindProperty(SupportsGet = true)] public ReportPromptReason? Reason { get; set; }
    [BindProperty] public ReportInput Input { get; set; } = new();

    public string? ClientName { get; private set; }
    public string? ProjectName { get; private set; }
    public bool AboutProspect => ClientId is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (actor.Scope.Level == ScopeLevel.None)
        {
            return NotFound();
        }

        var project = await LoadAsync(ct);
        if (project is false)
        {
            return NotFound();
        }

        Input.LearnedOn = clock.Today;
        if (project is CooperationProject p && Reason is { } reason)
        {
            Input.Category = ReportPrompt.CategoryFor(reason);
            Input.Content = Prefill(p, reason);
            Input.Source = l["InformationReports.PrefillSource", p.Name].Value;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (actor.Scope.Level == ScopeLevel.None || await LoadAsync(ct) is false)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var scope = actor.Scope;
        var now = clock.UtcNow;
        InformationReport report;
        if (ClientId is { } clientId)
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId, ct);
            var who = await ReportPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
            report = InformationReport.AboutClient(client, who, scope.DepartmentId, Input.Facts, clock.Today, now);
            if (ProjectId is { } projectId && Reason is { } reason)
            {
                report.LinkToProject(projectId, clientId, reason, who, now);
            }
        }
        else
        {
            // On a prospect the writer is the reporter, in their own department.
            var who = await ReportPeople.ActorAsync(db, actor, User, scope.UserId!, scope.DepartmentId, ct);
            report = InformationReport.AboutProspect(Input.ProspectName, Input.ProspectCountryCode, who, scope.DepartmentId, Input.Facts, clock.Today, now);
        }

        db.InformationReports.Add(report);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["InformationReports.Done.Submit"].Value;
        return RedirectToPage("/InformationReports/Details", new { id = report.Id });
    }

    /// <summary>
    /// Reads the client and the project asking (both through the scope). False when either is missing or out of scope; the
    /// project when one asks, else null.
    /// </summary>
    private async Task<object?> LoadAsync(CancellationToken ct)
    {
        CooperationProject? project = null;
        if (ProjectId is { } projectId)
        {
            project = await db.CooperationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct);
            if (project is null || Reason is not { } reason || !Enum.IsDefined(reason))
            {
                return false;
            }

            (ClientId, ProjectName) = (project.ClientId, project.Name);
        }

        if (ClientId is { } clientId)
        {
            ClientName = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).FirstOrDefaultAsync(ct);
            if (ClientName is null)
            {
                return false;
            }
        }

        return project;
    }

    /// <summary>The project's terms as the report's content, for the reporter to correct and complete: what the reason is about first.</summary>
    private string Prefill(CooperationProject p, ReportPromptReason reason)
    {
        var text = new StringBuilder();
        void Line(string label, object? value)
        {
            var shown = value switch
            {
                null => null,
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                string s when string.IsNullOrWhiteSpace(s) => null,
                _ => Convert.ToString(value, CultureInfo.CurrentCulture),
            };
            if (shown is not null)
            {
                text.Append(l[label].Value).Append(": ").AppendLine(shown);
            }
        }

        text.AppendLine(l[$"InformationReports.PrefillIntro.{reason}", p.Name].Value);
        Line("Project.JobTypes", p.JobTypes);
        Line("Project.WorkersRequested", p.WorkersRequested);
        Line("Project.WorkCountry", Labels.CountryName(p.WorkCountryCode));
        Line("Project.TradeTestOn", p.TradeTestOn);
        Line("Project.ContractSignedOn", p.ContractSignedOn);
        Line("Project.DepartureOn", p.DepartureOn);
        Line("Project.WorkSite", p.WorkSite);
        Line("Project.WageAmount", p.WageAmount is { } wage ? $"{wage:0.##} {p.WageCurrency}" : null);
        Line("Project.WorkingHours", p.WorkingHours);
        Line("Project.BoardAndLodging", p.BoardAndLodging);
        Line("Project.InsuranceTerms", p.InsuranceTerms);
        Line("Project.ServiceFeeAmount", p.ServiceFeeAmount is { } fee ? $"{fee:0.##} {p.ServiceFeeCurrency}" : null);
        return text.ToString().TrimEnd();
    }
}
