using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Warnings;

/// <summary>SPEC §7: warnings nobody acknowledged in time escalate to the leaders (the schedule itself: Jobs/).</summary>
public sealed class WarningScheduleTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private readonly AdjustableClock _clock = new(Start);

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task An_open_warning_nobody_acknowledged_for_three_days_escalates_to_the_leaders_once()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Unreviewed Arrears Co");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 1, workers: 8);
        await WarningArrange.RunEngineAsync(App);
        var warningId = await WarningArrange.OpenWarningAsync(App, id, WarningRule.WageArrears);

        _clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await WarningArrange.RunEngineAsync(App);
        Assert.Null(await EscalatedAtAsync(warningId));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var run = await WarningArrange.RunEngineAsync(App);
        Assert.Equal(_clock.GetUtcNow(), await EscalatedAtAsync(warningId));
        Assert.True(run.Escalated >= 1);
        var leaderId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientId == leaderId && n.SubjectId == warningId && n.Kind == NotificationKind.WarningEscalated)));
        Assert.Contains(WarningEventKind.Escalated, (await WarningArrange.WarningsAsync(App, id)).Single().Events.Select(e => e.Kind));

        _clock.Advance(TimeSpan.FromDays(1));
        await WarningArrange.RunEngineAsync(App);
        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.SubjectId == warningId && n.Kind == NotificationKind.WarningEscalated)));
    }

    [Fact]
    public async Task An_acknowledged_warning_does_not_escalate()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Reviewed Arrears Co");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 1, workers: 8);
        await WarningArrange.RunEngineAsync(App);
        await App.WithDbAsync(async db =>
        {
            var warning = await db.Warnings.Include(w => w.Events).SingleAsync(w => w.ClientId == id);
            var head = await db.Users.SingleAsync(u => u.UserName == "head1");
            warning.Acknowledge(new WarningActor(head.Id, head.DisplayName, false, true), "Call the employer; ask the embassy", _clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        _clock.Advance(TimeSpan.FromDays(10));
        await WarningArrange.RunEngineAsync(App);

        Assert.Null(await EscalatedAtAsync(await WarningArrange.OpenWarningAsync(App, id, WarningRule.WageArrears)));
    }

    private Task<DateTimeOffset?> EscalatedAtAsync(Guid warningId) =>
        App.WithDbAsync(db => db.Warnings.Where(w => w.Id == warningId).Select(w => w.EscalatedAt).SingleAsync());
}
