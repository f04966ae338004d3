using ClientCrm.Infrastructure.Jobs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClientCrm.Web.Pages.Admin.Jobs;

/// <summary>
/// 定时作业: each scheduled job with its schedule, next and last firing and how the last run ended, the scheduler
/// instances of the cluster, and the latest runs. Read-only: the engines' own pages run them on demand (leaders), and
/// an admin sees no client data.
/// </summary>
public sealed class IndexModel(JobBoard board) : PageModel
{
    public JobBoardView Board { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Board = await board.ReadAsync(ct);
}
