using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.ContractReviews;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.ContractReviews;

/// <summary>
/// The reviewed batch and its client as the review's pages show them, read through the caller's scope, with what the
/// review's checks read of them (<see cref="Checked"/>) in the same statement.
/// </summary>
public sealed record ReviewedProject(Guid Id, string Name, Domain.Cooperation.ProjectStatus Status, string WorkCountryCode, string? ProjectNumber,
    DateTimeOffset? InitiatedAt, ClientGrade Grade, CheckedProject Checked)
{
    public static Task<ReviewedProject?> ReadAsync(CrmDbContext db, Guid projectId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CooperationProjects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new ReviewedProject(p.Id, p.Name, p.Status, p.WorkCountryCode, p.ProjectNumber, p.InitiatedAt, p.Client!.Grade,
                new CheckedProject(p.JobTypes, p.WorkersRequested, p.WorkCountryCode, p.Client.Status)))
            .FirstOrDefaultAsync(ct);
    }
}
