using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Accountability;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Workflows;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Accountability;

/// <summary>
/// Issue 12, accountability (SPEC §5.3): the system opens a case exactly once when the demand-drop warning fires for an A or
/// B client and when a client turns Terminated, however often the event arrives; the department is told; a report left
/// past its due day reaches the leaders once.
/// </summary>
public sealed class AccountabilityOpeningTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_demand_drop_warning_on_a_B_client_opens_one_case_even_when_the_event_is_delivered_again()
    {
        var id = await FallingDemandClientAsync("Falling Demand B GmbH");
        await WarningDataArrange.SetGradeAsync(App, id, Domain.Grading.ClientGrade.B);

        await WarningArrange.RunEngineAsync(App);
        await App.DrainOutboxAsync();

        var warningId = await WarningArrange.OpenWarningAsync(App, id, WarningRule.DemandDrop);
        var opened = Assert.Single(await CasesAsync(id));
        Assert.Equal((AccountabilityTrigger.DemandDropWarning, warningId, AccountabilityState.Opened, (string?)null),
            (opened.Trigger, opened.WarningId, opened.State, opened.OpenedById));
        Assert.Equal(App.Clock.Today.AddDays(10), opened.ReportDueOn);
        Assert.Contains(("head1", NotificationKind.AccountabilityOpened), await NotifiedAsync(opened.Id));
        Assert.Contains(("staff1a", NotificationKind.AccountabilityOpened), await NotifiedAsync(opened.Id));

        // The outbox hands the same event over again (a crash after the handler, before the commit was seen).
        Assert.True(await RedeliverAsync() >= 1);
        await App.DrainOutboxAsync();
        Assert.Single(await CasesAsync(id));
        Assert.Equal(0, await App.WithDbAsync(db => db.OutboxDeliveries.CountAsync(d => d.Handler == nameof(AccountabilityAutoOpen) && d.ProcessedAt == null)));
    }

    [Fact]
    public async Task The_demand_drop_warning_on_a_C_client_opens_no_case()
    {
        var id = await FallingDemandClientAsync("Falling Demand C GmbH");
        Assert.Equal(Domain.Grading.ClientGrade.C, await GradingArrange.ClientAsync(App, id, c => c.Grade));

        await WarningArrange.RunEngineAsync(App);
        await App.DrainOutboxAsync();

        Assert.NotEqual(Guid.Empty, await WarningArrange.OpenWarningAsync(App, id, WarningRule.DemandDrop));
        Assert.Empty(await CasesAsync(id));
    }

    [Fact]
    public async Task Termination_opens_one_case_also_when_the_client_is_terminated_twice_or_the_event_comes_again()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Terminated Twice Ltd");

        await ChangeStatusAsync(id, ClientStatus.Terminated);
        await App.DrainOutboxAsync();
        var opened = Assert.Single(await CasesAsync(id));
        Assert.Equal((AccountabilityTrigger.ClientTerminated, (Guid?)null), (opened.Trigger, opened.WarningId));

        await RedeliverAsync();
        await ChangeStatusAsync(id, ClientStatus.Prospect);
        await ChangeStatusAsync(id, ClientStatus.Terminated);
        await App.DrainOutboxAsync();

        Assert.Equal([opened.Id], (await CasesAsync(id)).Select(c => c.Id));
        Assert.Equal(0, await App.WithDbAsync(db => db.OutboxDeliveries.CountAsync(d => d.Handler == nameof(AccountabilityAutoOpen) && d.Attempts > 0)));
    }

    [Fact]
    public async Task A_report_past_its_due_day_reaches_the_leaders_once()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Overdue Report Co");
        await ChangeStatusAsync(id, ClientStatus.Terminated);
        await App.DrainOutboxAsync();
        var caseId = Assert.Single(await CasesAsync(id)).Id;
        Assert.Equal(0, await EscalatedAsync(caseId));

        await App.WithDbAsync(db => db.AccountabilityCases.Where(c => c.Id == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReportDueOn, App.Clock.Today.AddDays(-1))));
        await EscalateAsync();
        await EscalateAsync();

        Assert.Equal(1, await EscalatedAsync(caseId));
        Assert.Equal([("leader", NotificationKind.AccountabilityOverdue)], (await NotifiedAsync(caseId)).Where(n => n.Kind == NotificationKind.AccountabilityOverdue));
    }

    private async Task<Guid> FallingDemandClientAsync(string name)
    {
        // 30 workers requested 13–24 months ago, 12 in the last 12 months: a 60% drop.
        var id = await GradingArrange.ActiveClientAsync(App, "staff1a", name, card => card);
        await GradingArrange.ProjectsAsync(App, id, [400, 500], workers: 15, amountCny: 100_000m);
        await GradingArrange.ProjectsAsync(App, id, [100], workers: 12, amountCny: 100_000m);
        return id;
    }

    /// <summary>A status change saved as a page saves it: its events go to the outbox (unlike <c>WithDbAsync</c>, which drops them).</summary>
    private async Task ChangeStatusAsync(Guid clientId, ClientStatus to)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var client = await db.Clients.SingleAsync(c => c.Id == clientId);
        client.ChangeStatus(to, actorIsLeader: true, App.Clock.UtcNow, "合作中止 Cooperation ended");
        await db.SaveChangesAsync();
    }

    private Task<int> RedeliverAsync() => App.WithDbAsync(db => db.OutboxDeliveries.Where(d => d.Handler == nameof(AccountabilityAutoOpen))
        .ExecuteUpdateAsync(s => s.SetProperty(d => d.ProcessedAt, (DateTimeOffset?)null).SetProperty(d => d.NextAttemptAt, App.Clock.UtcNow.AddMinutes(-1))));

    private async Task EscalateAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowEscalation>().RunAsync(CancellationToken.None);
    }

    private Task<int> EscalatedAsync(Guid caseId) =>
        App.WithDbAsync(db => db.AccountabilityEvents.CountAsync(e => e.CaseId == caseId && e.Kind == AccountabilityEventKind.Escalated));

    private Task<List<AccountabilityCase>> CasesAsync(Guid clientId) =>
        App.WithDbAsync(db => db.AccountabilityCases.AsNoTracking().Where(c => c.ClientId == clientId).ToListAsync());

    private Task<List<(string User, NotificationKind Kind)>> NotifiedAsync(Guid id) =>
        App.WithDbAsync(async db => (await db.Notifications.Where(n => n.SubjectId == id)
                .Select(n => new { User = db.Users.Where(u => u.Id == n.RecipientId).Select(u => u.UserName).First(), n.Kind })
                .ToListAsync())
            .Select(n => (n.User!, n.Kind)).ToList());
}
