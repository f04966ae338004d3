using ClientCrm.Infrastructure.Jobs;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace ClientCrm.IntegrationTests.Jobs;

/// <summary>Apps that run the scheduler, and waits for what it does (Quartz fires on the machine's clock, not the app's).</summary>
internal static class JobsArrange
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    /// <summary>For <see cref="AppTest.ConfigureApp"/> and extra instances: this app runs a scheduler.</summary>
    public static void EnableJobs(IWebHostBuilder builder) => builder.UseSetting("Crm:Jobs:Enabled", "true");

    public static TriggerKey Trigger(string job) => new(job, JobDefinition.Group);

    public static async Task<IScheduler> SchedulerAsync(CrmAppFactory app) =>
        await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    public static async Task<ITrigger> TriggerAsync(CrmAppFactory app, string job) =>
        await (await SchedulerAsync(app)).GetTrigger(Trigger(job)) ?? throw new InvalidOperationException($"The job {job} has no trigger.");

    /// <summary>The runs of <paramref name="job"/> recorded as ended, oldest first, once there are at least <paramref name="count"/>.</summary>
    public static async Task<List<JobRun>> FinishedRunsAsync(CrmAppFactory app, string job, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var runs = await app.WithDbAsync(db => db.JobRuns.AsNoTracking().Where(r => r.Job == job && r.FinishedAt != null)
                .OrderBy(r => r.FiredAt).ToListAsync());
            if (runs.Count >= count)
            {
                return runs;
            }

            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException($"The job {job} ended {runs.Count} times in {Patience.TotalSeconds} s; {count} were awaited.");
            }

            await Task.Delay(200);
        }
    }

    public static async Task ExecuteAsync(CrmAppFactory app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
