using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>
/// Finds the record each rule warning points back to (<see cref="WarningSource"/>): the newest incident the rule counted (the
/// same incidents as the facts query, <see cref="WarningFactsQuery.CountedIncidents"/>), the newest batch, the newest change of
/// the card. One query per kind, over only the clients whose warnings the pass writes, not over every client: a run that
/// changes nothing asks nothing. The engine acts for the company, so the scope filter is off, as in its other reads.
/// </summary>
internal static class WarningSources
{
    public static async Task<Dictionary<(Guid ClientId, WarningRule Rule), WarningSource>> FindAsync(CrmDbContext db,
        IReadOnlyCollection<(Guid ClientId, WarningRule Rule)> findings, DateOnly today, WarningThresholds thresholds, CancellationToken ct)
    {
        var sources = new Dictionary<(Guid ClientId, WarningRule Rule), WarningSource>();
        if (findings.Count == 0)
        {
            return sources;
        }

        Guid[] ClientsOf(WarningSourceKind kind) =>
            findings.Where(f => WarningRules.SourceKindOf(f.Rule) == kind).Select(f => f.ClientId).Distinct().ToArray();

        var incidentClients = ClientsOf(WarningSourceKind.Incident);
        var incidents = incidentClients.Length == 0 ? [] : await WarningFactsQuery
            .CountedIncidents(db.WorkerIncidents.IgnoreQueryFilters(), today, thresholds)
            .Where(i => incidentClients.Contains(i.ClientId))
            .Select(i => new { i.ClientId, i.Type, i.ProjectId, i.Id, i.OccurredOn })
            .GroupBy(i => new { i.ClientId, i.Type })
            .Select(g => g.OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.Id).First())
            .ToListAsync(ct);
        var newestIncident = incidents.ToDictionary(i => (i.ClientId, i.Type), i => WarningSource.Incident(i.ProjectId, i.Id));

        var batchClients = ClientsOf(WarningSourceKind.Project);
        var batches = batchClients.Length == 0 ? [] : await WarningFactsQuery.Batches(db.CooperationProjects.IgnoreQueryFilters())
            .Where(p => batchClients.Contains(p.ClientId))
            .Select(p => new { p.ClientId, p.Id, p.ContractSignedOn })
            .GroupBy(p => p.ClientId)
            .Select(g => g.OrderByDescending(p => p.ContractSignedOn).ThenByDescending(p => p.Id).First())
            .ToListAsync(ct);
        var newestBatch = batches.ToDictionary(p => p.ClientId, p => WarningSource.Project(p.Id));

        var cardClients = ClientsOf(WarningSourceKind.CardChange);
        var changes = cardClients.Length == 0 ? [] : await db.ClientCardRevisions.IgnoreQueryFilters()
            .Where(r => cardClients.Contains(r.ClientId))
            .Select(r => new { r.ClientId, r.Id, r.ArchivedAt })
            .GroupBy(r => r.ClientId)
            .Select(g => g.OrderByDescending(r => r.ArchivedAt).ThenByDescending(r => r.Id).First())
            .ToListAsync(ct);
        var newestChange = changes.ToDictionary(r => r.ClientId, r => r.Id);

        foreach (var (clientId, rule) in findings)
        {
            WarningSource? source = WarningRules.SourceKindOf(rule) switch
            {
                WarningSourceKind.Incident => WarningRules.IncidentTypeOf(rule) is { } type ? newestIncident.GetValueOrDefault((clientId, type)) : null,
                // A client that never signed a batch points to its (empty) list of batches.
                WarningSourceKind.Project => newestBatch.GetValueOrDefault(clientId) ?? WarningSource.AllProjects,
                WarningSourceKind.Projects => WarningSource.AllProjects,
                WarningSourceKind.Documents => WarningSource.Documents,
                // No archived version: the card was registered with this status.
                _ => WarningSource.CardChange(newestChange.TryGetValue(clientId, out var revision) ? revision : null),
            };
            if (source is not null)
            {
                sources[(clientId, rule)] = source;
            }
        }

        return sources;
    }
}
