using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Grading;

/// <summary>
/// SPEC §4: the scheduled regrade counts once per quarter, however often its job fires (a firing made up after a misfire,
/// a trigger made anew, two instances): the run checks under its lock that the quarter has no scheduled run yet.
/// </summary>
public sealed class ScheduledRegradeTests(PostgresFixture postgres) : AppTest(postgres)
{
    private readonly AdjustableClock _clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task The_scheduled_run_happens_once_a_quarter_even_when_fired_twice_at_once()
    {
        var id = await GradingArrange.KeyClientAsync(App, "staff1a", "Quarterly Key Co");

        // Two firings (as on two app instances) at the same moment: both start while the test holds the regrade's lock,
        // so both are in progress at once, queued for it.
        int queued;
        Task[] firings;
        await using (var held = await HeldAdvisoryLock.TakeAsync(App.ConnectionString, AdvisoryLocks.Regrade))
        {
            firings = [Task.Run(FireAsync), Task.Run(FireAsync)];
            queued = await held.WaitForWaitersAsync(2);
        }

        await Task.WhenAll(firings);
        Assert.Equal(2, queued);
        Assert.Equal(1, await ScheduledRuns());
        Assert.Equal(ClientGrade.A, await App.WithDbAsync(db => db.GradeProposals.Where(p => p.ClientId == id).Select(p => p.ProposedGrade).SingleAsync()));

        _clock.Advance(TimeSpan.FromDays(30)); // 2026-12-22: same quarter
        await FireAsync();
        Assert.Equal(1, await ScheduledRuns());

        _clock.Advance(TimeSpan.FromDays(11)); // 2027-01-02: a new quarter
        await FireAsync();
        Assert.Equal(2, await ScheduledRuns());
        var run = await App.WithDbAsync(db => db.GradingRuns.OrderByDescending(r => r.StartedAt).FirstAsync());
        Assert.Equal((GradingTrigger.Scheduled, null), (run.Trigger, run.StartedById));
        Assert.Equal(await App.WithDbAsync(db => db.Clients.CountAsync()), run.ClientsAssessed);
    }

    /// <summary>What <see cref="RegradeJob"/> does when its trigger fires.</summary>
    private async Task FireAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegradeService>().RunAsync(GradingTrigger.Scheduled);
    }

    private Task<int> ScheduledRuns() => App.WithDbAsync(db => db.GradingRuns.CountAsync(r => r.Trigger == GradingTrigger.Scheduled));
}
