using System.Linq.Expressions;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Organisation;
using ClientCrm.Domain.Warnings;
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
    public DbSet<CooperationProject> CooperationProjects => Set<CooperationProject>();
    public DbSet<WorkerIncident> WorkerIncidents => Set<WorkerIncident>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
    public DbSet<GradingSettings> GradingSettings => Set<GradingSettings>();
    public DbSet<GradingRun> GradingRuns => Set<GradingRun>();
    public DbSet<GradeProposal> GradeProposals => Set<GradeProposal>();
    public DbSet<GradeChange> GradeChanges => Set<GradeChange>();
    public DbSet<Warning> Warnings => Set<Warning>();
    public DbSet<WarningEvent> WarningEvents => Set<WarningEvent>();
    public DbSet<WarningSettings> WarningSettings => Set<WarningSettings>();
    public DbSet<WarningRun> WarningRuns => Set<WarningRun>();
    public DbSet<Notification> Notifications => Set<Notification>();

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
    /// SPEC §1: the one place client visibility is decided. Clients are filtered by owner or department; every
    /// <see cref="IClientRecord"/> gets the same filter through its client, so a new kind of client record is scoped
    /// by implementing the interface. Code that must look across scopes (duplicate detection) calls
    /// IgnoreQueryFilters explicitly and reveals no client data.
    /// </summary>
    private void ApplyAccessScope(ModelBuilder builder)
    {
        Expression<Func<Client, bool>> visible = c =>
            ScopeLevel == ScopeLevel.All
            || (ScopeLevel == ScopeLevel.Department && c.DepartmentId == ScopeDepartmentId)
            || (ScopeLevel == ScopeLevel.Own && c.OwnerId == ScopeUserId);
        builder.Entity<Client>().HasQueryFilter(visible);

        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IClientRecord).IsAssignableFrom(t.ClrType)).ToList())
        {
            // record => visible(record.Client)
            var record = Expression.Parameter(type.ClrType, "record");
            var client = Expression.Property(record, nameof(IClientRecord.Client));
            var body = new ParameterSwap(visible.Parameters[0], client).Visit(visible.Body);
            builder.Entity(type.ClrType).HasQueryFilter(Expression.Lambda(body, record));
        }

        // A warning's timeline lines belong to the client through their warning.
        var line = Expression.Parameter(typeof(WarningEvent), "line");
        var lineClient = Expression.Property(Expression.Property(line, nameof(WarningEvent.Warning)), nameof(Warning.Client));
        builder.Entity<WarningEvent>().HasQueryFilter(
            Expression.Lambda<Func<WarningEvent, bool>>(new ParameterSwap(visible.Parameters[0], lineClient).Visit(visible.Body), line));
    }

    private sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
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
