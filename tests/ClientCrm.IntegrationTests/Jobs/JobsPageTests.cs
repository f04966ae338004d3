using System.Globalization;
using System.Net;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.IntegrationTests.Admin;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ClientCrm.IntegrationTests.Jobs;

/// <summary>
/// Issue 11 §4: the scheduled jobs run on a clustered Quartz scheduler, and admins see each job's schedule, next and
/// last firing and outcome on /Admin/Jobs, in the company's time. Unlike other tests, the clock is not pinned: the
/// scheduler fires on the app's clock, and a stopped one never reaches a firing. Expected times are read from the triggers.
/// </summary>
[LongRunning(50)]
public sealed class JobsPageTests(PostgresFixture postgres) : AppTest(postgres)
{
    private readonly CapturedLog _log = new();

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        JobsArrange.EnableJobs(builder);
        builder.UseSetting("Serilog:MinimumLevel:Override:" + typeof(JobSchedules).FullName, "Information");
        builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(_log));
    }

    [Fact]
    public async Task A_firing_that_ends_while_its_scheduler_shuts_down_leaves_the_schedule_to_the_next_start_without_an_error()
    {
        await JobsArrange.FinishedRunsAsync(App, WarningRunJob.Name, 1);
        var scheduler = await JobsArrange.SchedulerAsync(App);
        await scheduler.Shutdown(waitForJobsToComplete: true);
        Assert.Equal(SchedulerStatus.Shutdown, scheduler.Status);

        // As the run recorder does after a firing: on the scheduler the job fired on.
        await App.Services.GetRequiredService<JobSchedules>().ApplyAsync(scheduler, WarningRunJob.Name);

        Assert.Contains(_log.Events, e => e.Level == Serilog.Events.LogEventLevel.Information
            && e.Message.Contains($"The schedule of the job {WarningRunJob.Name} was not applied: the scheduler is shut down", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Messages, m => m.Contains("Could not apply the schedule", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_sees_both_jobs_with_their_schedule_next_firing_in_company_time_and_last_outcome()
    {
        // A new store: each job fires once at start-up (the warning run at once, the quarter's regrade as missed).
        await JobsArrange.FinishedRunsAsync(App, WarningRunJob.Name, 1);
        await JobsArrange.FinishedRunsAsync(App, RegradeJob.Name, 1);
        var admin = await SignedInAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Jobs");

        var rows = page.QuerySelectorAll("#job-table tr[data-job]");
        Assert.Equal([WarningRunJob.Name, RegradeJob.Name, WorkflowEscalationJob.Name, ClientCrm.Infrastructure.Security.Rotation.KeyRotationJob.Name], rows.Select(r => r.GetAttribute("data-job")));
        var warnings = rows[0];
        var regrade = rows[1];
        Assert.Equal(("预警检查", "每 60 分钟"), (Text(warnings, ".job-name"), Text(warnings, ".job-schedule")));
        Assert.Equal(("季度重新评定", "每季度首日（1月、4月、7月、10月1日）00:00"), (Text(regrade, ".job-name"), Text(regrade, ".job-schedule")));
        foreach (var (row, job) in new[] { (warnings, WarningRunJob.Name), (regrade, RegradeJob.Name) })
        {
            var trigger = await JobsArrange.TriggerAsync(App, job);
            Assert.Equal(App.Clock.Format(trigger.NextFireTimeUtc!.Value), Text(row, ".job-next"));
            var run = (await JobsArrange.FinishedRunsAsync(App, job, 1))[^1];
            Assert.Equal(App.Clock.Format(run.FiredAt, "yyyy-MM-dd HH:mm:ss"), Text(row, ".job-last"));
            Assert.Equal("Succeeded", row.QuerySelector(".job-outcome .badge")!.GetAttribute("data-outcome"));
            Assert.Equal("成功", Text(row, ".job-outcome .badge"));
        }

        // The regrade's next firing is midnight on the first day of the next quarter in Beijing, not in UTC or the
        // server's zone (the machine's clock: Quartz's, not the app's pinned one).
        var today = App.Clock.DateOf(TimeProvider.System.GetUtcNow());
        var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddMonths(3);
        Assert.Equal(quarter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00", Text(regrade, ".job-next"));
        Assert.NotNull(page.QuerySelector($"#scheduler-instances li[data-live='true']"));
        Assert.Null(page.QuerySelector("#no-scheduler"));
        Assert.NotNull(page.QuerySelector("#nav-jobs"));
    }

    [Theory]
    [InlineData("staff1a")]
    [InlineData("head1")]
    [InlineData("leader")]
    public async Task Anyone_but_an_admin_is_refused_the_jobs_page(string userName)
    {
        var user = await SignedInAsync(userName);

        using var response = await user.GetAsync("/Admin/Jobs");

        AdminTestData.AssertForbidden(response);
        var home = await user.GetPageAsync("/");
        Assert.Null(home.QuerySelector("#nav-jobs"));
    }

    [Fact]
    public async Task Changing_the_warning_interval_on_the_settings_page_moves_the_next_firing()
    {
        await JobsArrange.FinishedRunsAsync(App, WarningRunJob.Name, 1);
        var before = await JobsArrange.TriggerAsync(App, WarningRunJob.Name);
        var last = before.PreviousFireTimeUtc!.Value;
        Assert.Equal(last.AddMinutes(60), before.NextFireTimeUtc);
        var leader = await SignedInAsync("leader");

        using var saved = await leader.SubmitAsync("/Settings/Warnings", "#warning-settings-form",
            new Dictionary<string, string?> { ["Input.RunEveryMinutes"] = "30" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await JobsArrange.TriggerAsync(App, WarningRunJob.Name);
        Assert.Equal(last.AddMinutes(30), after.NextFireTimeUtc);
        Assert.Equal(TimeSpan.FromMinutes(30), Assert.IsAssignableFrom<ISimpleTrigger>(after).RepeatInterval);
        var admin = await SignedInAsync("admin");
        var row = (await admin.GetPageAsync("/Admin/Jobs")).QuerySelector($"#job-table tr[data-job='{WarningRunJob.Name}']")!;
        Assert.Equal("每 30 分钟", Text(row, ".job-schedule"));
        Assert.Equal(App.Clock.Format(last.AddMinutes(30)), Text(row, ".job-next"));
    }

    [Fact]
    public async Task A_failing_job_shows_as_failed_with_its_message_and_the_next_firing_still_comes()
    {
        await JobsArrange.FinishedRunsAsync(App, WarningRunJob.Name, 1);
        // The engine cannot write its run record any more: the next run fails inside the engine, as a database fault would.
        await JobsArrange.ExecuteAsync(App, """ALTER TABLE "WarningRuns" RENAME TO "WarningRunsGone" """);

        await (await JobsArrange.SchedulerAsync(App)).TriggerJob(new JobKey(WarningRunJob.Name, JobDefinition.Group));
        var failed = (await JobsArrange.FinishedRunsAsync(App, WarningRunJob.Name, 2))[^1];

        Assert.Equal(JobRunOutcome.Failed, failed.Outcome);
        Assert.Contains("WarningRuns", failed.Message, StringComparison.Ordinal);
        var admin = await SignedInAsync("admin");
        foreach (var culture in new[] { "zh-CN", "en-US" })
        {
            await Web.UiWalk.UseCultureAsync(admin, culture);
            var page = await admin.GetPageAsync("/Admin/Jobs");
            var row = page.QuerySelector($"#job-table tr[data-job='{WarningRunJob.Name}']")!;
            Assert.Equal("Failed", row.QuerySelector(".job-outcome .badge")!.GetAttribute("data-outcome"));
            Assert.Equal(culture == "zh-CN" ? "失败" : "Failed", Text(row, ".job-outcome .badge"));
            Assert.Equal(failed.Message!.Trim(), Text(row, ".job-message"));
            Assert.Equal(App.Clock.Format(failed.FiredAt, "yyyy-MM-dd HH:mm:ss"), Text(row, ".job-last"));
            // A failure does not stop the schedule: the next firing is still one interval after the last scheduled one.
            Assert.Equal(App.Clock.Format((await JobsArrange.TriggerAsync(App, WarningRunJob.Name)).NextFireTimeUtc!.Value), Text(row, ".job-next"));
        }
    }

    private static string Text(AngleSharp.Dom.IElement row, string selector) => row.QuerySelector(selector)?.TextContent.Trim() ?? "";
}
