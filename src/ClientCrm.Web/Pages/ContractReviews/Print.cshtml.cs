using ClientCrm.Domain.ContractReviews;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Evaluations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.ContractReviews;

/// <summary>
/// The contract review form (合同评审表) on one A4 page in Chinese for the paper file: the requirements and capability, every
/// reviewer's opinion with name and date, the result with the decider's name and date, and the project's number. The browser
/// prints it (print CSS).
/// </summary>
public sealed class PrintModel(CrmDbContext db) : PageModel
{
    public ContractReview Review { get; private set; } = null!;
    public EvaluationClient Client { get; private set; } = null!;
    public ReviewedProject Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var review = await db.ContractReviews.AsNoTracking().Include(r => r.Opinions).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return NotFound();
        }

        Review = review;
        Client = await EvaluationClient.ReadAsync(db, review.ClientId, ct);
        Project = (await ReviewedProject.ReadAsync(db, review.ProjectId, ct))!;
        return Page();
    }
}
