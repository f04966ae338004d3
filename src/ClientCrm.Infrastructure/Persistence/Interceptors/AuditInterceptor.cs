using System.Text.Json;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientCrm.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, changed or deleted <see cref="IAuditable"/> in the same
/// transaction as the change itself, so the log cannot miss a committed change. Confidential and redacted
/// fields are recorded as changed, never with their values.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    // Entries whose key the database generates (departments): filled in after the insert. Keyed by context so one
    // singleton interceptor serves concurrent requests.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<(AuditEntry Line, EntityEntry Entry)>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is not CrmDbContext crm)
        {
            return;
        }

        crm.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow();
        var entries = crm.ChangeTracker.Entries()
            .Where(e => e.Entity is IAuditable && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            };
            var line = new AuditEntry(now, crm.Actor.UserId, crm.Actor.UserName, entry.Metadata.ClrType.Name,
                KeyOf(entry), ClientIdOf(entry), action, JsonSerializer.Serialize(changes));
            crm.AuditEntries.Add(line);
            if (entry.State == EntityState.Added && entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary))
            {
                _pending.GetOrCreateValue(crm).Add((line, entry));
            }
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (TakePending(eventData.Context) is { } context)
        {
            context.SaveChanges();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (TakePending(eventData.Context) is { } context)
        {
            await context.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        // The lines were not written; a retry builds them again.
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    /// <summary>Gives the waiting log lines their real keys; returns the context when there is something to save.</summary>
    private DbContext? TakePending(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Count == 0)
        {
            return null;
        }

        _pending.Remove(context);
        foreach (var (line, entry) in pending)
        {
            line.ResolveEntityId(KeyOf(entry));
        }

        return context;
    }

    private static Dictionary<string, object?> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var meta = property.Metadata;
            if (meta.IsShadowProperty() || meta.IsConcurrencyToken || meta.IsPrimaryKey())
            {
                continue;
            }

            var changed = entry.State switch
            {
                EntityState.Added => property.CurrentValue is not null,
                EntityState.Deleted => property.OriginalValue is not null,
                _ => property.IsModified && !Equals(property.OriginalValue, property.CurrentValue),
            };
            if (!changed)
            {
                continue;
            }

            changes[meta.Name] = meta.IsRedacted()
                ? new Dictionary<string, object?> { ["changed"] = true }
                : new Dictionary<string, object?>
                {
                    ["from"] = entry.State == EntityState.Added ? null : Display(property.OriginalValue),
                    ["to"] = entry.State == EntityState.Deleted ? null : Display(property.CurrentValue),
                };
        }

        return changes;
    }

    private static object? Display(object? value) => value switch
    {
        null => null,
        Enum e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null
            ? ""
            : string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Guid? ClientIdOf(EntityEntry entry)
    {
        if (entry.Entity is Domain.Clients.Client client)
        {
            return client.Id;
        }

        return entry.Metadata.FindProperty("ClientId") is { } p && entry.Property(p.Name).CurrentValue is Guid id ? id : null;
    }
}
