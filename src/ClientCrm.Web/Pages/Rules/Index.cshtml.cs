using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Rules;

/// <summary>
/// 分类与预警规则: the grading rules, the duties and contact intervals of each grade and the automatic warning rules,
/// written out with the thresholds the leaders have set now. Pages that apply the rules link here, so every user can
/// read what a grade or a warning is based on (SPEC §4, §7).
/// </summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, ScopeSummaries summaries) : PageModel
{
    public GradingThresholds Grading { get; private set; } = GradingThresholds.Default;
    public WarningThresholds Warnings { get; private set; } = WarningThresholds.Default;

    /// <summary>Leaders get links to the two settings pages (which check the role themselves).</summary>
    public bool IsLeader => actor.Scope.IsLeader;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Grading = await PickLists.GradingThresholdsAsync(db, summaries, ct);
        Warnings = (await db.WarningSettings.AsNoTracking().SingleAsync(ct)).Thresholds;
    }
}
