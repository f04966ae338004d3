using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using Quartz.Extensibility;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// The Quartz scheduler of an app instance: the ADO.NET job store in the app's PostgreSQL database (tables
/// <c>qrtz_*</c>, created by the migration QuartzJobStore), clustered, so every instance may run a scheduler and each
/// firing runs on exactly one of them; a firing missed while no instance ran is handled by its trigger's misfire rule
/// (<see cref="JobTriggers"/>).
/// </summary>
internal static class QuartzSetup
{
    /// <summary>The cluster's name: every instance with the same name and database shares the jobs.</summary>
    public const string SchedulerName = "ClientCrm";

    public const string TablePrefix = "qrtz_";

    public static void AddScheduler(IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        services.AddSingleton<JobSchedules>();
        services.AddSingleton<IJobSchedules>(sp => sp.GetRequiredService<JobSchedules>());
        services.AddSingleton<JobRunRecorder>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = SchedulerName);
            // Quartz runs on the app's TimeProvider (the container's), the machine's clock in production. Not UseTimeProvider:
            // for this default scheduler it replaces the container's TimeProvider for the whole app. A stopped test clock
            // never reaches a firing, so a test that runs the scheduler leaves the clock alone.
            q.UseInstanceIdGenerator(new InstanceIds());
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.ConfigureStore(o => o.TablePrefix = TablePrefix);
                store.UseClustering();
                store.UseSystemTextJsonSerializer();
            });
            q.AddJobListener<JobRunRecorder>([GroupMatcher<JobKey>.GroupEquals(JobDefinition.Group)]);
        });
        // Triggers are brought in line with the settings before the scheduler starts firing them.
        services.AddHostedService<JobStoreSetup>();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>A time as Quartz stores it (UTC ticks) as an instant.</summary>
    public static DateTimeOffset? Instant(long? stored) => stored is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>An instant as Quartz stores it.</summary>
    public static long Ticks(DateTimeOffset instant) => instant.UtcTicks;

    /// <summary>A duration as Quartz stores it (milliseconds).</summary>
    public static TimeSpan Duration(long stored) => TimeSpan.FromMilliseconds(stored);

    /// <summary>
    /// Names each start of a scheduler uniquely: Quartz's default (host name and clock) can give two instances started at
    /// the same moment on one host the same name, and the cluster would take them for one.
    /// </summary>
    private sealed class InstanceIds : IInstanceIdGenerator
    {
        public ValueTask<string> GenerateInstanceId(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult($"{Environment.MachineName}-{Guid.NewGuid():N}");
    }

    private sealed class JobStoreSetup(JobSchedules schedules) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => schedules.ApplyAllAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
