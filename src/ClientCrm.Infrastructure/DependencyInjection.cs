using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Persistence.Interceptors;
using ClientCrm.Infrastructure.Security;
using ClientCrm.Infrastructure.Security.Rotation;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.Infrastructure.Outbox;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClientCrm.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database, encryption and data services. <paramref name="connectionString"/> comes from
    /// <see cref="DatabaseBootstrap.ConnectionString"/>; <paramref name="keyRing"/> from
    /// <see cref="DatabaseBootstrap.LoadKeyRing"/>.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, string connectionString, KeyRing keyRing)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentActor>(_ => SystemActor.Instance);
        services.AddSingleton(keyRing);
        services.AddSingleton<IFieldCipher, AesGcmFieldCipher>();
        services.AddSingleton<AesGcmChunkCipher>();
        services.AddSingleton<IBlindIndexer, HmacBlindIndexer>();
        // Every kind of encrypted data a key rotation re-encrypts, as IEnumerable<IReencryptionSource>.
        services.AddKeyRotation();
        services.AddSingleton<BlindIndexInterceptor>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<SummaryVersion>();
        services.AddSingleton<Notifications.InboxVersion>();
        services.AddSingleton<Notifications.ClosedItemsInterceptor>();
        services.AddSingleton<CacheVersionsInterceptor>();
        services.AddSingleton<LiteralLimitInterceptor>();
        services.AddSingleton<Outbox.DomainEventHandlers>();
        services.AddSingleton<Outbox.OutboxSignal>();
        services.AddSingleton<Outbox.OutboxWriter>();
        services.AddSingleton<Outbox.OutboxDispatcher>();

        var tuned = PostgresConnectionSettings.Tune(connectionString);
        services.AddSingleton(sp => new DbContextOptionsBuilder<CrmDbContext>()
            .UseApplicationServiceProvider(sp)
            .UseNpgsql(tuned, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"))
            // Order matters: indexes are computed before the audit log reads the entries, and messages about closed items
            // are marked done before the cache versions look at what the save changes. The outbox takes the entities' events
            // after the other interceptors have had their say.
            .AddInterceptors(sp.GetRequiredService<BlindIndexInterceptor>(), sp.GetRequiredService<AuditInterceptor>(),
                sp.GetRequiredService<Notifications.ClosedItemsInterceptor>(), sp.GetRequiredService<Outbox.OutboxWriter>(),
                sp.GetRequiredService<CacheVersionsInterceptor>(), sp.GetRequiredService<LiteralLimitInterceptor>())
            .ReplaceService<IModelCacheKeyFactory, CrmModelCacheKeyFactory>()
            // Counts stop at a cap (Take without an order, on purpose): nothing to warn about.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning))
            .Options);
        services.AddSingleton<CrmDbContextFactory>();
        // One pooled context per request (or job scope), bound to whoever acts in it.
        services.AddScoped(sp => sp.GetRequiredService<CrmDbContextFactory>().CreateFor(sp.GetRequiredService<ICurrentActor>()));

        services.AddScoped<DuplicateClientCheck>();
        // Who may read a client's dossier, and the use log (使用登记): docs/architecture.md, "Dossier access".
        services.AddHttpContextAccessor();
        services.AddScoped<Dossier.DossierAccess>();
        services.AddScoped<Grading.RegradeService>();
        services.AddScoped<Warnings.WarningEngine>();
        services.AddScoped<Dossier.DocumentStore>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Workflows.WorkflowEscalation>();
        // What follows a save, run by the outbox after the commit (docs/architecture.md, "Domain events and the outbox").
        services.AddDomainEventHandler<Warnings.ClientWarningCheck>();
        services.AddDomainEventHandler<Warnings.FiledWarningNotices>();
        services.AddDomainEventHandler<Warnings.WarningStepNotices>();
        services.AddDomainEventHandler<Evaluations.EvaluationStepNotices>();
        services.AddDomainEventHandler<Evaluations.EvaluationClientStatus>();
        services.AddDomainEventHandler<Complaints.ComplaintStepNotices>();
        services.AddDomainEventHandler<ContractReviews.ContractReviewStepNotices>();
        // The checks a contract review must pass before it can pass (docs/architecture.md, "Contract review checks"): add a
        // compliance check by registering one more IContractReviewCheck here.
        services.AddSingleton<Domain.ContractReviews.IContractReviewCheck, Domain.ContractReviews.ProjectTermsCheck>();
        services.AddSingleton<Domain.ContractReviews.IContractReviewCheck, Domain.ContractReviews.ClientGateCheck>();
        services.AddScoped<ContractReviews.ContractReviewCheckRunner>();
        services.AddDomainEventHandler<Accountability.AccountabilityStepNotices>();
        services.AddDomainEventHandler<Accountability.AccountabilityAutoOpen>();
        services.AddDomainEventHandler<InformationReports.InformationReportStepNotices>();
        services.AddDomainEventHandler<InformationReports.InformationReportLinking>();
        services.AddDomainEventHandler<Dossier.AccessRequestNotices>();
        // In every instance, whatever Crm:Jobs:Enabled says: the effects of a save depend on it wherever saves happen.
        services.AddHostedService<Outbox.OutboxDispatchService>();
        services.AddDataProtection().SetApplicationName("ClientCrm");
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DataProtectionKeyStore(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>
    /// The scheduled jobs (docs/architecture.md, "Scheduled jobs"): the catalog, one line per job, and — unless
    /// Crm:Jobs:Enabled is false (the tests and the page benchmark) — a clustered Quartz scheduler on the app's database.
    /// </summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        services.AddScheduledJob<WarningRunJob>();
        services.AddScheduledJob<RegradeJob>();
        services.AddScheduledJob<WorkflowEscalationJob>();
        services.AddScheduledJob<KeyRotationJob>();

        services.AddScoped<JobBoard>();
        if (configuration.GetValue("Crm:Jobs:Enabled", true))
        {
            QuartzSetup.AddScheduler(services, connectionString, configuration);
        }
        else
        {
            services.AddSingleton<IJobSchedules, NoJobScheduler>();
        }

        return services;
    }
}
