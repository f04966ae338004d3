using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>
/// 客户分类统计: the clients in the user's scope by grade and by the secondary classes of seed 001 — region, industry,
/// Pareto class (with its share of last year's amount) and lifecycle stage. Each count links to the filtered list.
/// </summary>
public sealed class ClassesModel(CrmDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyDictionary<(string Row, ClientGrade Grade), int> ByRegion { get; private set; } = new Dictionary<(string, ClientGrade), int>();
    public IReadOnlyDictionary<(string Row, ClientGrade Grade), int> ByIndustry { get; private set; } = new Dictionary<(string, ClientGrade), int>();
    public IReadOnlyList<(ParetoClass? Class, int Clients, decimal AmountCny)> Pareto { get; private set; } = [];
    public IReadOnlyList<(LifecycleStage? Stage, int Clients)> Lifecycle { get; private set; } = [];
    public IReadOnlyDictionary<ClientGrade, int> GradeTotals { get; private set; } = new Dictionary<ClientGrade, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var byRegion = await db.Clients.GroupBy(c => new { c.Region, c.Grade }).Select(g => new { g.Key.Region, g.Key.Grade, Count = g.Count() }).ToListAsync(ct);
        ByRegion = byRegion.ToDictionary(r => (r.Region.ToString(), r.Grade), r => r.Count);
        var byIndustry = await db.Clients.GroupBy(c => new { c.Industry, c.Grade }).Select(g => new { g.Key.Industry, g.Key.Grade, Count = g.Count() }).ToListAsync(ct);
        ByIndustry = byIndustry.ToDictionary(r => (r.Industry.ToString(), r.Grade), r => r.Count);
        GradeTotals = byRegion.GroupBy(r => r.Grade).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));

        // The amount behind each Pareto class: contracts signed in the last 12 months, as the classes are ranked.
        var since = CooperationWindows.Start(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), 0);
        var pareto = await db.Clients.GroupBy(c => c.Classes!.Pareto)
            .Select(g => new
            {
                Class = g.Key,
                Clients = g.Count(),
                Amount = g.Sum(c => db.CooperationProjects
                    .Where(p => p.ClientId == c.Id && p.ContractSignedOn >= since && p.Status >= ProjectStatus.Recruiting)
                    .Sum(p => p.AmountCny ?? 0m)),
            })
            .ToListAsync(ct);
        Pareto = pareto.OrderBy(p => p.Class is null).ThenBy(p => p.Class).Select(p => (p.Class, p.Clients, p.Amount)).ToList();
        var lifecycle = await db.Clients.GroupBy(c => c.Classes!.Lifecycle).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Lifecycle = lifecycle.OrderBy(l => l.Key is null).ThenBy(l => l.Key).Select(l => (l.Key, l.Count)).ToList();
    }

    public int Count(IReadOnlyDictionary<(string Row, ClientGrade Grade), int> table, string row, ClientGrade grade) =>
        table.TryGetValue((row, grade), out var n) ? n : 0;
}
