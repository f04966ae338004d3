using System.Data.Common;
using System.Runtime.CompilerServices;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
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
/// clients, their principals (searched by name and contact), their classes, projects and incidents, grade proposals and changes, warnings, the grading settings, users, their roles and departments, and the audit log (every audited save writes it). Anything cached under one count is
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
/// <see cref="InboxVersion"/> whenever it touches notifications: before the save, and again once it is committed (after
/// the save, or when the save ran in a transaction, after its commit). A request that read between the two would
/// otherwise keep the old rows under the new count.
/// </summary>
public sealed class CacheVersionsInterceptor(SummaryVersion summaries, InboxVersion inbox) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // What each context has saved but not yet committed. Weak: a context that is disposed uncommitted leaves nothing.
    private readonly ConditionalWeakTable<DbContext, Touched> _uncommitted = new();

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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// For rows written past the change tracker (set-based SQL) in <paramref name="context"/>'s open transaction, such as the
    /// warning engine's pass inside an outbox delivery: moves the summary count now and again once that transaction commits.
    /// </summary>
    public void WrotePastTracker(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var touched = new Touched(Summaries: true, Inbox: true);
        Bump(touched);
        _uncommitted.AddOrUpdate(context, touched);
    }

    private void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).Select(e => e.Entity).ToList();
        var touched = new Touched(
            changed.Any(e => e is AuditEntry or Client or Principal or ClientClasses or GradeProposal or GradeChange or CooperationProject or WorkerIncident or Warning or GradingSettings or CrmUser or IdentityUserRole<string> or Department
                or Domain.Accountability.AccountabilityPenalty),
            changed.Any(e => e is Notification));
        if (!touched.Summaries && !touched.Inbox)
        {
            return;
        }

        Bump(touched);
        _uncommitted.AddOrUpdate(context, _uncommitted.TryGetValue(context, out var pending)
            ? new Touched(pending.Summaries || touched.Summaries, pending.Inbox || touched.Inbox)
            : touched);
    }

    private void AfterSave(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out var touched))
        {
            _uncommitted.Remove(context);
            Bump(touched);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _uncommitted.Remove(context);
        }
    }

    private void Bump(Touched touched)
    {
        if (touched.Summaries)
        {
            summaries.Bump();
        }

        if (touched.Inbox)
        {
            inbox.Bump();
        }
    }

    private sealed record Touched(bool Summaries, bool Inbox);
}
