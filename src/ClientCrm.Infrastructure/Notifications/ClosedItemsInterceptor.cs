using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientCrm.Infrastructure.Notifications;

/// <summary>
/// When a save closes an item that messages are about (a warning resolved or dismissed, a grade proposal decided or
/// superseded), the messages about it are marked done in the same save (<see cref="Notification.MarkDone"/>): whoever
/// closed it, every recipient's inbox shows it as done and their unread count drops. It sits in the save rather than in
/// each page, so no way of closing an item can forget it. Registered before <c>CacheVersionsInterceptor</c>, which then
/// sees the changed messages and moves the inbox count.
/// </summary>
public sealed class ClosedItemsInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && Closed(context) is { Count: > 0 } closed)
        {
            var ids = closed.Keys.Select(id => (Guid?)id).ToList();
            MarkDone(context.Set<Notification>().Where(n => ids.Contains(n.SubjectId) && n.DoneAt == null).ToList(), closed);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && Closed(context) is { Count: > 0 } closed)
        {
            var ids = closed.Keys.Select(id => (Guid?)id).ToList();
            MarkDone(await context.Set<Notification>().Where(n => ids.Contains(n.SubjectId) && n.DoneAt == null).ToListAsync(cancellationToken), closed);
        }

        return result;
    }

    private static void MarkDone(List<Notification> notifications, Dictionary<Guid, DateTimeOffset> closed)
    {
        foreach (var notification in notifications)
        {
            notification.MarkDone(closed[notification.SubjectId!.Value]);
        }
    }

    /// <summary>The items this save closes, with when: warnings leaving an open state, proposals leaving Pending.</summary>
    private Dictionary<Guid, DateTimeOffset> Closed(DbContext context)
    {
        var closed = new Dictionary<Guid, DateTimeOffset>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Warning { IsClosed: true } warning when Warning.IsOpenState(Original<WarningState>(entry, nameof(Warning.State))):
                    closed[warning.Id] = warning.ClosedAt ?? warning.UpdatedAt;
                    break;
                case GradeProposal { State: not ProposalState.Pending } proposal
                    when Original<ProposalState>(entry, nameof(GradeProposal.State)) == ProposalState.Pending:
                    closed[proposal.Id] = proposal.DecidedAt ?? clock.GetUtcNow();
                    break;
                default:
                    break;
            }
        }

        return closed;
    }

    private static T Original<T>(EntityEntry entry, string property) => (T)entry.Property(property).OriginalValue!;
}
