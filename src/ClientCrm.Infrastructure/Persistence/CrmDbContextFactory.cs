using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ClientCrm.Infrastructure.Persistence;

/// <summary>
/// Hands out pooled <see cref="CrmDbContext"/>s, one pool per scope-filter shape (each shape has its own model), bound
/// to the acting user. Disposing a context returns it to its pool. A request gets its context through dependency
/// injection, which asks this factory once per request scope.
/// </summary>
public sealed class CrmDbContextFactory
{
    private readonly PooledDbContextFactory<CrmDbContext>[] _pools;

    public CrmDbContextFactory(DbContextOptions<CrmDbContext> options, IFieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pools = Enum.GetValues<ScopeFilterShape>().Order()
            .Select(shape => new PooledDbContextFactory<CrmDbContext>(CrmModelOptions.With(options, cipher, shape), PoolSize))
            .ToArray();
    }

    /// <summary>Contexts kept for reuse per shape; more than the busiest moment's concurrent requests need.</summary>
    public const int PoolSize = 256;

    public CrmDbContext CreateFor(ICurrentActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = _pools[(int)actor.Scope.FilterShape].CreateDbContext();
        db.ActFor(actor);
        return db;
    }
}
