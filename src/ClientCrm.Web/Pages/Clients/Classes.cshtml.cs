using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>The figures of the class report, over one scope.</summary>
public sealed record ClassReport(
    IReadOnlyDictionary<(string Row, ClientGrade Grade), int> ByRegion,
    IReadOnlyDictionary<(string Row, ClientGrade Grade), int> ByIndustry,
    IReadOnlyList<(ParetoClass? Class, int Clients, decimal AmountCny)> Pareto,
    IReadOnlyList<(LifecycleStage? Stage, int Clients)> Lifecycle);

/// <summary>
/// 客户分类统计: the clients in the user's scope by grade and by the secondary classes of seed 001 — region, industry,
/// Pareto class (with its share of the amount the last company-wide run ranked by) and lifecycle stage. Each count links
/// to the filtered list. The figures read every client in scope, so they are kept briefly (<see cref="ScopeSummaries"/>).
/// </summary>
public sealed class ClassesModel(CrmDbContext db, ICurrentActor actor, ScopeSummaries summaries) : PageModel
{
    public IReadOnlyDictionary<(string Row, ClientGrade Grade), int> ByRegion { get; private set; } = new Dictionary<(string, ClientGrade), int>();
    public IReadOnlyDictionary<(string Row, ClientGrade Grade), int> ByIndustry { get; private set; } = new Dictionary<(string, ClientGrade), int>();
    public IReadOnlyList<(ParetoClass? Class, int Clients, decimal AmountCny)> Pareto { get; private set; } = [];
    public IReadOnlyList<(LifecycleStage? Stage, int Clients)> Lifecycle { get; private set; } = [];
    public IReadOnlyDictionary<ClientGrade, int> GradeTotals { get; private set; } = new Dictionary<ClientGrade, int>();
    public DateTimeOffset CountedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var report = await summaries.GetAsync("classes", actor.Scope, ComputeAsync, ct);
        (ByRegion, ByIndustry, Pareto, Lifecycle) = (report.Value.ByRegion, report.Value.ByIndustry, report.Value.Pareto, report.Value.Lifecycle);
        GradeTotals = ByRegion.GroupBy(r => r.Key.Grade).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        CountedAt = report.At;
    }

    public int Count(IReadOnlyDictionary<(string Row, ClientGrade Grade), int> table, string row, ClientGrade grade) =>
        table.TryGetValue((row, grade), out var n) ? n : 0;

    private async Task<ClassReport> ComputeAsync(CancellationToken ct)
    {
        var clients = db.Clients.AsNoTracking();
        var byRegion = await clients.GroupBy(c => new { c.Region, c.Grade }).Select(g => new { g.Key.Region, g.Key.Grade, Count = g.Count() }).ToListAsync(ct);
        var byIndustry = await clients.GroupBy(c => new { c.Industry, c.Grade }).Select(g => new { g.Key.Industry, g.Key.Grade, Count = g.Count() }).ToListAsync(ct);
        // The amount behind each Pareto class is the one the ranking used, stored with the classes by the run.
        var pareto = await clients.GroupBy(c => c.Classes!.Pareto)
            .Select(g => new { Class = g.Key, Clients = g.Count(), Amount = g.Sum(c => (decimal?)c.Classes!.AmountCny) ?? 0m })
            .ToListAsync(ct);
        var lifecycle = await clients.GroupBy(c => c.Classes!.Lifecycle).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new ClassReport(
            byRegion.ToDictionary(r => (r.Region.ToString(), r.Grade), r => r.Count),
            byIndustry.ToDictionary(r => (r.Industry.ToString(), r.Grade), r => r.Count),
            pareto.OrderBy(p => p.Class is null).ThenBy(p => p.Class).Select(p => (p.Class, p.Clients, p.Amount)).ToList(),
            lifecycle.OrderBy(l => l.Key is null).ThenBy(l => l.Key).Select(l => (l.Key, l.Count)).ToList());
    }
}
