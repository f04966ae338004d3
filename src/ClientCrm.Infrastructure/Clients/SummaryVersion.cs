using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Organisation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientCrm.Infrastructure.Clients;

/// <summary>
/// Counts the changes this app instance made to what the cached per-scope summaries and pick lists are computed from:
/// clients, their classes, grade proposals, warnings, the grading settings, users, their roles and departments. Anything cached under one count is
/// computed again as soon as the count moves; another instance's changes show when the cached value's lifetime ends.
/// </summary>
public sealed class SummaryVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}

/// <summary>
/// Moves <see cref="SummaryVersion"/> whenever a save touches what the summaries and pick lists show, and
/// <see cref="InboxVersion"/> whenever it touches notifications.
/// </summary>
public sealed class CacheVersionsInterceptor(SummaryVersion summaries, InboxVersion inbox) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).Select(e => e.Entity).ToList();
        if (changed.Any(e => e is Client or ClientClasses or GradeProposal or Warning or GradingSettings or CrmUser or IdentityUserRole<string>
                or Department))
        {
            summaries.Bump();
        }

        if (changed.Any(e => e is Notification))
        {
            inbox.Bump();
        }
    }
}
