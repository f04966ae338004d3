using ClientCrm.Domain.Evaluations;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>
/// The evaluation form (客户评估表) on one A4 page in Chinese for the paper file: every section, the head's opinion, the leaders'
/// decision with the minutes and participants, and who signed each step when. The browser prints it (print CSS).
/// </summary>
public sealed class PrintModel(CrmDbContext db) : PageModel
{
    public ClientEvaluation Evaluation { get; private set; } = null!;
    public EvaluationClient Client { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var evaluation = await db.ClientEvaluations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (evaluation is null)
        {
            return NotFound();
        }

        Evaluation = evaluation;
        Client = await EvaluationClient.ReadAsync(db, evaluation.ClientId, ct);
        return Page();
    }
}
