using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientCrm.Infrastructure.Persistence.Interceptors;

/// <summary>Keeps every blind-index column equal to the HMAC of its source field before each save.</summary>
public sealed class BlindIndexInterceptor(IBlindIndexer indexer) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Refresh(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Refresh(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Refresh(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var indexProperty in entry.Metadata.GetProperties())
            {
                if (indexProperty.FindAnnotation(ConfidentialProperties.BlindIndexSourceAnnotation)?.Value is not string sourceName)
                {
                    continue;
                }

                var source = entry.Property(sourceName);
                if (entry.State == EntityState.Modified && !source.IsModified)
                {
                    continue;
                }

                var kind = (BlindIndexKind)(int)indexProperty.FindAnnotation(ConfidentialProperties.BlindIndexKindAnnotation)!.Value!;
                entry.Property(indexProperty.Name).CurrentValue = IndexOf(indexer, kind, source.CurrentValue as string);
            }
        }
    }

    /// <summary>The index stored for a value: none for a blank one. Also what re-indexing writes (BlindIndexTable).</summary>
    internal static byte[]? IndexOf(IBlindIndexer indexer, BlindIndexKind kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || BlindIndexNormalizer.Normalize(kind, value).Length == 0)
        {
            return null;
        }

        return indexer.Compute(kind, value);
    }
}
