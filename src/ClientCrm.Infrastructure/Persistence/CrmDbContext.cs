using System.Linq.Expressions;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
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

/// <summary>
/// The database as one user sees it. Built by <see cref="CrmDbContextFactory"/> (pooled, one pool per scope-filter shape)
/// and bound to the acting user; <see cref="Create"/> does the same without a pool.
/// </summary>
public class CrmDbContext(DbContextOptions<CrmDbContext> options) : IdentityDbContext<CrmUser>(options)
{
    private ICurrentActor? _actor;

    /// <summary>The acting user's scope; the query filters read it per query, so EF Core sends its values as parameters.</summary>
    private AccessScope _scope = AccessScope.Nothing;

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
    public DbSet<ClientStatusChange> ClientStatusChanges => Set<ClientStatusChange>();
    public DbSet<Warning> Warnings => Set<Warning>();
    public DbSet<WarningEvent> WarningEvents => Set<WarningEvent>();
    public DbSet<WarningSettings> WarningSettings => Set<WarningSettings>();
    public DbSet<WarningRun> WarningRuns => Set<WarningRun>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Outbox.OutboxMessage> OutboxMessages => Set<Outbox.OutboxMessage>();
    public DbSet<Outbox.OutboxDelivery> OutboxDeliveries => Set<Outbox.OutboxDelivery>();
    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();
    public DbSet<Domain.Evaluations.ClientEvaluation> ClientEvaluations => Set<Domain.Evaluations.ClientEvaluation>();
    public DbSet<Domain.Evaluations.EvaluationEvent> EvaluationEvents => Set<Domain.Evaluations.EvaluationEvent>();
    public DbSet<Domain.Complaints.Complaint> Complaints => Set<Domain.Complaints.Complaint>();
    public DbSet<Domain.Complaints.ComplaintEvent> ComplaintEvents => Set<Domain.Complaints.ComplaintEvent>();
    public DbSet<Domain.Workflows.WorkflowSettings> WorkflowSettings => Set<Domain.Workflows.WorkflowSettings>();
    public DbSet<Domain.ContractReviews.ContractReview> ContractReviews => Set<Domain.ContractReviews.ContractReview>();
    public DbSet<Domain.ContractReviews.ContractReviewEvent> ContractReviewEvents => Set<Domain.ContractReviews.ContractReviewEvent>();
    public DbSet<Domain.ContractReviews.ContractReviewOpinion> ContractReviewOpinions => Set<Domain.ContractReviews.ContractReviewOpinion>();
    public DbSet<ProjectNumberCounter> ProjectNumberCounters => Set<ProjectNumberCounter>();
    public DbSet<Domain.Accountability.AccountabilityCase> AccountabilityCases => Set<Domain.Accountability.AccountabilityCase>();
    public DbSet<Domain.Accountability.AccountabilityEvent> AccountabilityEvents => Set<Domain.Accountability.AccountabilityEvent>();
    public DbSet<Domain.Accountability.AccountabilityPenalty> AccountabilityPenalties => Set<Domain.Accountability.AccountabilityPenalty>();
    public DbSet<Domain.InformationReports.InformationReport> InformationReports => Set<Domain.InformationReports.InformationReport>();
    public DbSet<Domain.InformationReports.InformationReportEvent> InformationReportEvents => Set<Domain.InformationReports.InformationReportEvent>();
    public DbSet<Domain.Dossier.DossierUse> DossierUses => Set<Domain.Dossier.DossierUse>();
    public DbSet<Domain.Dossier.AccessRequest> AccessRequests => Set<Domain.Dossier.AccessRequest>();
    public DbSet<Domain.Dossier.AccessRequestEvent> AccessRequestEvents => Set<Domain.Dossier.AccessRequestEvent>();
    public DbSet<Domain.Dossier.ClientDocument> ClientDocuments => Set<Domain.Dossier.ClientDocument>();
    public DbSet<Domain.Dossier.ClientDocumentFile> ClientDocumentFiles => Set<Domain.Dossier.ClientDocumentFile>();
    public DbSet<Dossier.ClientDocumentChunk> ClientDocumentChunks => Set<Dossier.ClientDocumentChunk>();
    public DbSet<Security.Rotation.KeyRotation> KeyRotations => Set<Security.Rotation.KeyRotation>();

    /// <summary>Who acts through this context: the audit log's name and the scope of every client query.</summary>
    public ICurrentActor Actor => _actor ?? throw new InvalidOperationException(
        "This CrmDbContext is not bound to an actor: get it from dependency injection, CrmDbContextFactory or CrmDbContext.Create.");

    internal CrmModelOptions ModelOptions { get; } = options.FindExtension<CrmModelOptions>()
        ?? throw new InvalidOperationException("CrmDbContext options need CrmModelOptions (the cipher and the scope-filter shape).");

    internal IFieldCipher Cipher => ModelOptions.Cipher;

    /// <summary>A context for <paramref name="actor"/> without a pool (tests, design time, one-off tools).</summary>
    public static CrmDbContext Create(DbContextOptions<CrmDbContext> options, ICurrentActor actor, IFieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = new CrmDbContext(CrmModelOptions.With(options, cipher, actor.Scope.FilterShape));
        db.ActFor(actor);
        return db;
    }

    /// <summary>Binds a (pooled) context to the user it serves; the model must carry that user's filter shape.</summary>
    internal void ActFor(ICurrentActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var scope = actor.Scope;
        if (scope.FilterShape != ModelOptions.Shape)
        {
            throw new InvalidOperationException($"A context with the {ModelOptions.Shape} scope filter cannot serve a {scope.Level} scope.");
        }

        _actor = actor;
        _scope = scope;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Trigram indexes for searching part of a name (trusted extension: the database owner may create it).
        builder.HasPostgresExtension("pg_trgm");
        builder.HasSequence<long>(Configurations.AccessRequestConfiguration.NumberSequence);
        builder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
        // Recorded events live on the entity until the save hands them to the outbox (OutboxWriter); they are not columns.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(RecordsDomainEvents).IsAssignableFrom(t.ClrType)).ToList())
        {
            builder.Entity(type.ClrType).Ignore(nameof(RecordsDomainEvents.DomainEvents));
        }

        ApplyAccessScope(builder);
        ConfidentialProperties.Apply(builder, Cipher);
    }

    /// <summary>
    /// SPEC §1: client visibility is enforced here, with the rule of <see cref="ClientVisibility"/> for this model's shape.
    /// Clients are filtered by owner or department; every <see cref="IClientRecord"/> gets the same filter through its
    /// client, and every <see cref="IClientRecordLine"/> (a timeline line) through its record, so a new kind of client
    /// record or line is scoped by implementing the interface. Code that must look across scopes (duplicate detection)
    /// calls IgnoreQueryFilters explicitly and reveals no client data.
    /// </summary>
    private void ApplyAccessScope(ModelBuilder builder)
    {
        var rule = ClientVisibility.Filter(ModelOptions.Shape);
        if (rule is null)
        {
            // Leaders and jobs see every client: no filter, and no join to the clients for their records either.
            return;
        }

        // The rule's scope parameter becomes this context's scope: the compiler writes `this` as a constant, which EF Core
        // replaces by the context that runs the query, so the values are read per query and the statement stays the same.
        Expression<Func<AccessScope>> actingScope = () => _scope;
        var visible = Expression.Lambda<Func<Client, bool>>(
            Predicates.Substitute(rule.Body, rule.Parameters[1], actingScope.Body), rule.Parameters[0]);
        builder.Entity<Client>().HasQueryFilter(visible);

        // Each record's filter, by type, for its lines below.
        var recordFilters = new Dictionary<Type, LambdaExpression>();
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IClientRecord).IsAssignableFrom(t.ClrType)).ToList())
        {
            // record => visible(record.Client)
            var record = Expression.Parameter(type.ClrType, "record");
            var client = Expression.Property(record, nameof(IClientRecord.Client));
            var body = Predicates.Substitute(visible.Body, visible.Parameters[0], client);
            recordFilters[type.ClrType] = Expression.Lambda(body, record);
        }

        // A record that may have no client yet (a prospect's report) has a rule of its own for the shape (ClientOrProspectVisibility):
        // through its client when it has one, else by its author and the author's department.
        var prospectRule = ClientOrProspectVisibility.Filter(ModelOptions.Shape)!;
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IClientOrProspectRecord).IsAssignableFrom(t.ClrType)).ToList())
        {
            var record = Expression.Parameter(type.ClrType, "record");
            var body = Predicates.Substitute(new Retype(prospectRule.Parameters[0], record).Visit(prospectRule.Body), prospectRule.Parameters[1], actingScope.Body);
            recordFilters[type.ClrType] = Expression.Lambda(body, record);
        }

        foreach (var (type, filter) in recordFilters)
        {
            builder.Entity(type).HasQueryFilter(filter);
        }

        // The lines of a client record (a workflow item's timeline) are visible exactly when their record is.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IClientRecordLine).IsAssignableFrom(t.ClrType)).ToList())
        {
            // line => filter(line.Record)
            var toRecord = type.GetNavigations().Single(n => !n.IsCollection && recordFilters.ContainsKey(n.TargetEntityType.ClrType));
            var filter = recordFilters[toRecord.TargetEntityType.ClrType];
            var line = Expression.Parameter(type.ClrType, "line");
            var body = Predicates.Substitute(filter.Body, filter.Parameters[0], Expression.Property(line, toRecord.Name));
            builder.Entity(type.ClrType).HasQueryFilter(Expression.Lambda(body, line));
        }
    }

    /// <summary>A rule written over an interface, read on an entity: each of the interface's members becomes the entity's own.</summary>
    private sealed class Retype(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == from ? Expression.Property(to, RecordProperty(node.Member.Name)) : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == from ? throw new InvalidOperationException("The rule may read the record's members only.") : base.VisitParameter(node);

        private string RecordProperty(string name) =>
            to.Type.GetProperty(name) is not null ? name : throw new InvalidOperationException($"{to.Type.Name} has no {name}.");
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
