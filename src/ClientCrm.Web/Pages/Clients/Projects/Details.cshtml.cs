using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients.Projects;

/// <summary>One project: its terms, its CNY equivalent and the rate that made it, and its worker incidents.</summary>
public sealed class DetailsModel(CrmDbContext db) : PageModel
{
    public CooperationProject Project { get; private set; } = null!;
    public string ClientName { get; private set; } = "";
    public IReadOnlyList<WorkerIncident> Incidents { get; private set; } = [];

    /// <summary>The project's latest contract review round, if any (合同评审 → 立项).</summary>
    public (Guid Id, Domain.ContractReviews.ContractReviewState State, int Round)? Review { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clientId, Guid id, CancellationToken ct)
    {
        var project = await db.CooperationProjects.AsNoTracking().Include(p => p.Incidents)
            .FirstOrDefaultAsync(p => p.Id == id && p.ClientId == clientId, ct);
        if (project is null)
        {
            return NotFound();
        }

        Project = project;
        Incidents = project.Incidents.OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.RecordedAt).ToList();
        Review = (await db.ContractReviews.AsNoTracking().Where(r => r.ProjectId == id).OrderByDescending(r => r.Round)
            .Select(r => new { r.Id, r.State, r.Round }).FirstOrDefaultAsync(ct)) is { } review ? (review.Id, review.State, review.Round) : null;
        ClientName = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        return Page();
    }
}
