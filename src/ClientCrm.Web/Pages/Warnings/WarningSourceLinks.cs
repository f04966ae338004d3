using ClientCrm.Domain.Common;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>A warning's source as a page shows it: where it links and what it says.</summary>
public sealed record WarningSourceLink(string Href, string Text);

/// <summary>Where the record behind a rule warning lives in the app (<see cref="WarningSource"/>), and how the warning's page names it.</summary>
public static class WarningSourceLinks
{
    /// <summary>
    /// The incident's row on its batch's page, the batch, the client's batches, the card's history (or the card itself when it
    /// was registered that way). Built from the stored columns alone, so lists show it without a query.
    /// </summary>
    public static string Href(Guid clientId, WarningSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source switch
        {
            { Kind: WarningSourceKind.Incident, ProjectId: { } project, RecordId: { } incident } => $"/Clients/{clientId}/Projects/{project}#incident-{incident}",
            { Kind: WarningSourceKind.Project, ProjectId: { } project } => $"/Clients/{clientId}/Projects/{project}",
            { Kind: WarningSourceKind.CardChange, RecordId: not null } => $"/Clients/{clientId}/History",
            { Kind: WarningSourceKind.CardChange } => $"/Clients/{clientId}",
            { Kind: WarningSourceKind.Documents } => $"/Clients/{clientId}/Documents",
            _ => $"/Clients/{clientId}#client-projects",
        };
    }

    /// <summary>The source named for the warning's page: one small read of the record, through the user's scope.</summary>
    public static async Task<WarningSourceLink?> DescribeAsync(CrmDbContext db, IStringLocalizer l, BusinessClock clock, Guid clientId, WarningSource? source,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        if (source is null)
        {
            return null;
        }

        var href = Href(clientId, source);
        string? text = null;
        switch (source)
        {
            case { Kind: WarningSourceKind.Incident, RecordId: { } incidentId }:
                var incident = await db.WorkerIncidents.Where(i => i.Id == incidentId)
                    .Select(i => new { i.Type, i.OccurredOn, i.Status, Project = i.Project!.Name }).FirstOrDefaultAsync(ct);
                text = incident is null ? null
                    : l["Warnings.SourceIncident", l.Enum(incident.Type), Day(incident.OccurredOn), l.Enum(incident.Status), incident.Project].Value;
                break;
            case { Kind: WarningSourceKind.Project, ProjectId: { } projectId }:
                var project = await db.CooperationProjects.Where(p => p.Id == projectId)
                    .Select(p => new { p.Name, p.ContractSignedOn }).FirstOrDefaultAsync(ct);
                text = project is null ? null : l["Warnings.SourceProject", project.Name, project.ContractSignedOn is { } signed ? Day(signed) : "—"].Value;
                break;
            case { Kind: WarningSourceKind.CardChange, RecordId: { } revisionId }:
                var change = await db.ClientCardRevisions.Where(r => r.Id == revisionId)
                    .Select(r => new { r.ArchivedAt, r.ArchivedBy }).FirstOrDefaultAsync(ct);
                text = change is null ? null : l["Warnings.SourceCardChange", clock.Format(change.ArchivedAt), change.ArchivedBy ?? "—"].Value;
                break;
            case { Kind: WarningSourceKind.CardChange }:
                text = l["Warnings.SourceCardAsRegistered"].Value;
                break;
        }

        return new WarningSourceLink(href, text ?? l.Enum(source.Kind));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
