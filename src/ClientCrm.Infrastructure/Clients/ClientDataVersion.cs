using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientCrm.Infrastructure.Clients;

/// <summary>
/// Counts the changes this app instance made to what the per-scope summaries show (clients, their classes, grade
/// proposals). A summary cached under one count is recomputed as soon as the count moves; another instance's
/// changes show when the cached summary's lifetime ends.
/// </summary>
public sealed class ClientDataVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}

/// <summary>Moves <see cref="ClientDataVersion"/> whenever a save touches clients, their classes or grade proposals.</summary>
public sealed class ClientDataVersionInterceptor(ClientDataVersion version) : SaveChangesInterceptor
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
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is Client or ClientClasses or GradeProposal))
        {
            version.Bump();
        }
    }
}
