using ClientCrm.Domain.Clients;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.InformationReports;

/// <summary>
/// A report as its messages need it, read as the system: whom it is about (the client, or the prospect by name), the
/// department whose head reads it (the client's; for a prospect the reporter's, none meaning the leaders), and the reporter.
/// </summary>
public sealed record ReportAndSubject(Guid Id, string Name, string? ChineseName, int? DepartmentId, string ReporterId)
{
    /// <summary>Department ids start at 1: a report without a department has no head, so its head's steps go to the leaders.</summary>
    public int HeadsDepartmentId => DepartmentId ?? -1;

    public NotificationSubject Subject => new(Id, Name, ChineseName, null, null);

    public static Task<ReportAndSubject> ReadAsync(CrmDbContext db, Guid reportId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.InformationReports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Id == reportId)
            .Select(r => new ReportAndSubject(r.Id, r.Client != null ? r.Client.Name : r.ProspectName!, r.Client != null ? r.Client.ChineseName : null,
                r.Client != null ? r.Client.DepartmentId : r.ReporterDepartmentId, r.ReporterId))
            .SingleAsync(ct);
    }
}

/// <summary>
/// Tells the next actor of a report (<see cref="InformationReportStepTaken"/>): the head that one was submitted, the leaders
/// that one waits for their instruction (forwarded, or submitted straight to them), the reporter that the leaders instructed.
/// A department without a head has its messages go to the leaders; whoever acted is not told.
/// </summary>
public sealed class InformationReportStepNotices(CrmDbContext db, Notifier notifier) : IDomainEventHandler<InformationReportStepTaken>
{
    public async Task HandleAsync(InformationReportStepTaken domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Tell == Parties.None)
        {
            return;
        }

        var item = await ReportAndSubject.ReadAsync(db, domainEvent.ReportId, ct);
        var kind = domainEvent.To switch
        {
            InformationReportState.Submitted => NotificationKind.InformationReportToForward,
            InformationReportState.Forwarded => NotificationKind.InformationReportToInstruct,
            _ => NotificationKind.InformationReportInstructed,
        };
        // The reporter stands where the kit has the owner (InformationReport's remarks).
        await notifier.TellAsync(domainEvent.Tell, item.ReporterId, item.HeadsDepartmentId, domainEvent.ActorId, kind, item.Subject,
            domainEvent.OccurredAt, ct);
    }
}

/// <summary>
/// A client was registered (<see cref="ClientRegistered"/>): the reports that waited for a company of that name and country
/// (<see cref="InformationReport.AwaitsClient"/>, names compared as duplicate detection compares them) now belong to it.
/// Running it twice links nothing more.
/// </summary>
public sealed class InformationReportLinking(CrmDbContext db) : IDomainEventHandler<ClientRegistered>
{
    public async Task HandleAsync(ClientRegistered domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var waiting = await db.InformationReports.IgnoreQueryFilters()
            .Where(InformationReport.AwaitsClient(domainEvent.NormalizedName, domainEvent.CountryCode))
            .ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return;
        }

        var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == domainEvent.ClientId, ct);
        foreach (var report in waiting)
        {
            report.LinkToClient(client, null, domainEvent.OccurredAt);
        }

        // Saved by the dispatcher with the record that this delivery was handled.
    }
}
