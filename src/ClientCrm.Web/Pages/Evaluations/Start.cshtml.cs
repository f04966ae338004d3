using ClientCrm.Domain.Common;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>
/// Starts the evaluation of a client (the client page's button): a draft for its owner to write. A client whose evaluation
/// is going already is taken to it; one with a rejected round starts the next round from it (on that round's page).
/// </summary>
public sealed class StartModel(CrmDbContext db, ICurrentActor actor, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return NotFound();
        }

        var going = await db.ClientEvaluations.Where(e => e.ClientId == clientId).Where(ClientEvaluation.IsOpen).Select(e => (Guid?)e.Id)
            .FirstOrDefaultAsync(ct);
        if (going is { } open)
        {
            return RedirectToPage("/Evaluations/Details", new { id = open });
        }

        var latest = await db.ClientEvaluations.AsNoTracking().Where(e => e.ClientId == clientId).OrderByDescending(e => e.Round).FirstOrDefaultAsync(ct);
        var who = await WorkflowPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
        var now = clock.UtcNow;
        // A rejected round is revised, and a client paused long after its approval is evaluated again, from the last round's sections.
        var evaluation = latest is null ? ClientEvaluation.Start(client, who, now) : ClientEvaluation.Revise(latest, who, now);
        db.ClientEvaluations.Add(evaluation);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Evaluations.Done.Start"].Value;
        return RedirectToPage("/Evaluations/Details", new { id = evaluation.Id });
    }
}
