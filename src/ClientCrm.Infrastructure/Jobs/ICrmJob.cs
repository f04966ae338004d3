using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// A scheduled job of the app: a Quartz job with a name and a schedule read from settings. Adding one is a class that
/// implements this (its constructor takes scoped services, such as an engine) and one line in
/// <see cref="DependencyInjection.AddScheduledJobs"/>: <c>services.AddScheduledJob&lt;MyJob&gt;()</c>. Mark the class
/// <see cref="DisallowConcurrentExecutionAttribute"/>: a firing that comes while the last one still runs waits for it.
/// </summary>
public interface ICrmJob : IJob
{
    /// <summary>Stable name: the Quartz job and trigger key, the run records' job, and the page's resource key <c>Jobs.Name.{Name}</c>.</summary>
    static abstract string Name { get; }

    /// <summary>When the job fires, from its settings; called in a DI scope of its own, as the system.</summary>
    static abstract Task<JobSchedule> ScheduleAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>A job of the catalog, as <see cref="JobSchedules"/>, the recorder and the jobs page need it.</summary>
public sealed record JobDefinition(string Name, Type JobType, Func<IServiceProvider, CancellationToken, Task<JobSchedule>> ScheduleAsync)
{
    /// <summary>The Quartz group of every catalog job and trigger.</summary>
    public const string Group = "crm";

    public JobKey Key => new(Name, Group);

    public TriggerKey TriggerKey => new(Name, Group);

    public static JobDefinition Of<TJob>() where TJob : ICrmJob => new(TJob.Name, typeof(TJob), TJob.ScheduleAsync);
}

public static class ScheduledJobRegistration
{
    /// <summary>Adds <typeparamref name="TJob"/> to the catalog; the scheduler (when this instance runs one) schedules it.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services) where TJob : class, ICrmJob
    {
        services.AddSingleton(JobDefinition.Of<TJob>());
        services.AddScoped<TJob>();
        return services;
    }
}
