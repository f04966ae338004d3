using ClientCrm.Domain.Access;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Grading;

/// <summary>How many grade proposals wait in the user's scope: shown on the start page and on 客户分类评审.</summary>
public static class PendingProposals
{
    /// <summary>Exact, kept briefly per scope (a department's are found through its clients, which costs a walk of all pending ones).</summary>
    public static async Task<int> CountAsync(CrmDbContext db, AccessScope scope, ScopeSummaries summaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summaries);
        if (scope is not { Level: ScopeLevel.Department or ScopeLevel.All })
        {
            return 0;
        }

        return (await summaries.GetAsync("pending-proposals", scope,
            token => db.GradeProposals.CountAsync(p => p.State == ProposalState.Pending, token), ct)).Value;
    }
}
