using System.Net;
using AngleSharp.Html.Dom;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Warnings;

/// <summary>
/// The warning page offers exactly the steps the review table gives the signed-in user, and a step nobody offered, posted by
/// hand, is refused with the reason on the page, the typed text kept and nothing changed.
/// </summary>
public sealed class WarningActionsTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly DateTimeOffset Pinned = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    /// <summary>Each step's form on the page, by the action it takes.</summary>
    private static readonly Dictionary<WarningAction, string> Forms = new()
    {
        [WarningAction.Acknowledge] = "#acknowledge-form",
        [WarningAction.Investigate] = "#investigate-form",
        [WarningAction.Resolve] = "#resolve-form",
        [WarningAction.Dismiss] = "#dismiss-form",
        [WarningAction.Report] = "#report-form",
        [WarningAction.Note] = "#note-form",
    };

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new AdjustableClock(Pinned)));

    [Theory]
    [InlineData(WarningState.Open, "staff1a", new[] { WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Open, "head1", new[] { WarningAction.Acknowledge, WarningAction.Dismiss, WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Open, "leader", new[] { WarningAction.Acknowledge, WarningAction.Dismiss, WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Acknowledged, "staff1a", new[] { WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Acknowledged, "head1",
        new[] { WarningAction.Investigate, WarningAction.Resolve, WarningAction.Dismiss, WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Investigating, "leader", new[] { WarningAction.Resolve, WarningAction.Dismiss, WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Resolved, "head1", new[] { WarningAction.Note })]
    [InlineData(WarningState.Dismissed, "staff1a", new[] { WarningAction.Note })]
    public async Task The_warning_page_shows_exactly_the_steps_the_signed_in_user_may_take(WarningState state, string userName, WarningAction[] offered)
    {
        var warningId = await FiledWarningAsync($"Offered Steps {state} {userName}", state);
        var user = await SignedInAsync(userName);

        var page = await user.GetPageAsync($"/Warnings/{warningId}");

        Assert.Equal(state.ToString(), page.QuerySelector("#warning-state")!.GetAttribute("data-state"));
        Assert.Equal(offered.Order(), Shown(page).Order());
    }

    [Fact]
    public async Task A_rule_warning_whose_rule_still_holds_offers_no_closing_step_to_anyone()
    {
        var clientId = await GradingArrange.RegularClientAsync(App, "staff1a", "Offered Holding Arrears");
        await WarningArrange.IncidentAsync(App, clientId, Domain.Cooperation.IncidentType.WageArrears, daysAgo: 2, workers: 5);
        await WarningArrange.RunEngineAsync(App);
        var warningId = await WarningArrange.OpenWarningAsync(App, clientId, WarningRule.WageArrears);

        var page = await (await SignedInAsync("leader")).GetPageAsync($"/Warnings/{warningId}");

        Assert.Equal([WarningAction.Acknowledge, WarningAction.Report, WarningAction.Note], Shown(page).Order());
        Assert.NotNull(page.QuerySelector("#condition-holds"));
    }

    [Theory]
    [InlineData("staff1a", WarningState.Acknowledged, "Resolve", "只有部门负责人和公司领导可以审核预警。")]
    [InlineData("staff1a", WarningState.Open, "Dismiss", "只有部门负责人和公司领导可以审核预警。")]
    [InlineData("head1", WarningState.Open, "Investigate", "预警当前状态不允许此操作。")]
    [InlineData("head1", WarningState.Resolved, "Report", "预警已关闭。")]
    public async Task A_step_not_offered_posted_by_hand_is_refused_on_the_page_with_the_typed_text_kept_and_nothing_changes(string userName,
        WarningState state, string handler, string message)
    {
        var warningId = await FiledWarningAsync($"Forbidden {handler} {userName}", state);
        var before = await WarningAsync(warningId);
        var user = await SignedInAsync(userName);
        const string typed = "这是我手工提交的内容，不应丢失";

        using var response = await user.PostDirectAsync($"/Warnings/{warningId}?handler={handler}", new Dictionary<string, string?>
        {
            ["Step.Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Step.Cause"] = typed, ["Step.Measures"] = typed, ["Step.DismissReason"] = typed, ["Step.InvestigationNote"] = typed,
            ["Step.Report"] = typed,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector("#warning-errors")!.TextContent.Trim());
        Assert.Contains(typed, page.QuerySelector("#warning-unsaved")!.TextContent, StringComparison.Ordinal);
        var after = await WarningAsync(warningId);
        Assert.Equal((before.State, before.Version, before.Events.Count, before.UpdatedAt, before.Report, before.Cause, before.DismissReason),
            (after.State, after.Version, after.Events.Count, after.UpdatedAt, after.Report, after.Cause, after.DismissReason));
    }

    [Fact]
    public async Task A_refused_step_is_said_in_english_in_the_english_interface()
    {
        var warningId = await FiledWarningAsync("Forbidden In English", WarningState.Open);
        var staff = await SignedInAsync("staff1a");
        var home = await staff.GetPageAsync("/");
        using (var switched = await staff.SubmitAsync(home, "/", "form[action='/Culture']", submitName: "culture", submitValue: "en-US"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        using var response = await staff.PostDirectAsync($"/Warnings/{warningId}?handler=Acknowledge",
            new Dictionary<string, string?> { ["Step.Actions"] = "I review it myself" });

        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("Only department heads and leaders review warnings.", page.QuerySelector("#warning-errors")!.TextContent.Trim());
        Assert.Contains("I review it myself", page.QuerySelector("#warning-unsaved")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(WarningState.Open, (await WarningAsync(warningId)).State);
    }

    private static IEnumerable<WarningAction> Shown(IHtmlDocument page) => Forms.Where(f => page.QuerySelector(f.Value) is not null).Select(f => f.Key);

    /// <summary>A warning filed by hand on a new client of staff1a (department D1) and brought to <paramref name="state"/> by the leader.</summary>
    private async Task<Guid> FiledWarningAsync(string clientName, WarningState state)
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", clientName, c => c);
        return await App.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            var owner = await db.Users.SingleAsync(u => u.Id == client.OwnerId);
            var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
            var by = new WarningActor(leader.Id, leader.DisplayName, IsLeader: true, IsDepartmentHead: false);
            var now = App.Clock.UtcNow.AddHours(-1);
            var warning = Warning.File(client, WarningFamily.Churn, "客户考虑转向其他外派公司", null,
                new WarningActor(owner.Id, owner.DisplayName, false, false), now);
            if (state is WarningState.Acknowledged or WarningState.Investigating or WarningState.Resolved)
            {
                warning.Acknowledge(by, "约谈客户", now);
            }

            if (state == WarningState.Investigating)
            {
                warning.StartInvestigation(by, null, now);
            }

            if (state == WarningState.Resolved)
            {
                warning.Resolve(by, "价格因素", "调整服务费", [], now);
            }

            if (state == WarningState.Dismissed)
            {
                warning.Dismiss(by, "误报", [], now);
            }

            db.Warnings.Add(warning);
            await db.SaveChangesAsync();
            return warning.Id;
        });
    }

    private Task<Warning> WarningAsync(Guid id) =>
        App.WithDbAsync(db => db.Warnings.Include(w => w.Events).AsNoTracking().SingleAsync(w => w.Id == id));
}
