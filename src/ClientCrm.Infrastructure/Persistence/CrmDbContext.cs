using ClientCrm.Domain.Access;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Organisation;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Security;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ClientCrm.Infrastructure.Persistence;

public class CrmDbContext(DbContextOptions<CrmDbContext> options, ICurrentActor actor, IFieldCipher cipher)
    : IdentityDbContext<CrmUser>(options)
{
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Principal> Principals => Set<Principal>();
    public DbSet<ClientCardRevision> ClientCardRevisions => Set<ClientCardRevision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public ICurrentActor Actor { get; } = actor;

    internal IFieldCipher Cipher { get; } = cipher;

    // The access-scope query filters read these per context instance (EF Core parameterises them).
    private ScopeLevel ScopeLevel => Actor.Scope.Level;
    private string? ScopeUserId => Actor.Scope.UserId;
    private int? ScopeDepartmentId => Actor.Scope.DepartmentId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
        ApplyAccessScope(builder);
        ConfidentialProperties.Apply(builder, Cipher);
    }

    /// <summary>
    /// SPEC §1: the one place client visibility is decided. Every query of clients, and of records that
    /// belong to a client, goes through these filters; code that must look across scopes (duplicate
    /// detection) calls IgnoreQueryFilters explicitly and reveals no client data.
    /// </summary>
    private void ApplyAccessScope(ModelBuilder builder)
    {
        builder.Entity<Client>().HasQueryFilter(c =>
            ScopeLevel == ScopeLevel.All
            || (ScopeLevel == ScopeLevel.Department && c.DepartmentId == ScopeDepartmentId)
            || (ScopeLevel == ScopeLevel.Own && c.OwnerId == ScopeUserId));

        builder.Entity<Principal>().HasQueryFilter(p =>
            ScopeLevel == ScopeLevel.All
            || (ScopeLevel == ScopeLevel.Department && p.Client!.DepartmentId == ScopeDepartmentId)
            || (ScopeLevel == ScopeLevel.Own && p.Client!.OwnerId == ScopeUserId));

        builder.Entity<ClientCardRevision>().HasQueryFilter(r =>
            ScopeLevel == ScopeLevel.All
            || (ScopeLevel == ScopeLevel.Department && r.Client!.DepartmentId == ScopeDepartmentId)
            || (ScopeLevel == ScopeLevel.Own && r.Client!.OwnerId == ScopeUserId));
    }
}

/// <summary>
/// The model embeds the cipher in its value converters, so a context built with another key ring (another
/// test host, another process configuration) must not reuse a cached model.
/// </summary>
internal sealed class CipherAwareModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is CrmDbContext crm
            ? (context.GetType(), crm.Cipher, designTime)
            : (object)(context.GetType(), designTime);
}
