using System.Globalization;
using System.Net;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Grading;

/// <summary>
/// Issue 10 (2): a regrade proposed C → B; then a wage-arrears incident was recorded and the engine raised a high warning. The
/// head opening the proposal must see today's figures beside the run's, may not confirm it, and may override it with a reason;
/// the grade history keeps the figures of the decision.
/// </summary>
public sealed class StaleProposalTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_proposal_whose_facts_changed_shows_todays_figures_refuses_confirm_and_an_override_keeps_todays_figures()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Stale Proposal Contracting");
        var head = await SignedInAsync("head1");
        await GradingArrange.StartRunAsync(head);
        var proposalId = await GradingArrange.PendingProposalAsync(App, id);
        var url = $"/Grading/Proposals/{proposalId}";
        var fresh = await head.GetPageAsync(url);
        Assert.NotNull(fresh.QuerySelector("#confirm-form"));
        Assert.Null(fresh.QuerySelector("#proposal-outdated"));
        Assert.Empty(fresh.QuerySelectorAll(".criteria-table tr[data-changed='true']"));

        // The owner records wage arrears on the page; the engine looks at the client right after and raises a high warning.
        var staff = await SignedInAsync("staff1a");
        var projectId = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == id).Select(p => p.Id).FirstAsync());
        using (var saved = await staff.SubmitAsync($"/Clients/{id}/Projects/{projectId}/Incidents/Create", "#incident-form",
                   new Dictionary<string, string?>
                   {
                       ["Input.Type"] = "WageArrears",
                       ["Input.OccurredOn"] = App.Clock.Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                       ["Input.WorkersAffected"] = "3",
                       ["Input.ArrearsAmount"] = "10800",
                       ["Input.ArrearsCurrency"] = "CNY",
                       ["Input.Description"] = "三号工地 3 名工人两个月未发工资",
                       ["Input.Status"] = "Open",
                   }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await App.DrainOutboxAsync();
        var warning = Assert.Single(await WarningArrange.WarningsAsync(App, id));
        Assert.Equal((WarningRule.WageArrears, WarningSeverity.High), (warning.Rule, warning.Severity));

        var page = await head.GetPageAsync(url);
        var arrears = page.QuerySelector(".criteria-table[data-grade='B'] tr[data-criterion='NoOpenWageArrears']")!;
        Assert.Contains("未解决的拖欠工资事件", arrears.TextContent, StringComparison.Ordinal);
        Assert.Equal("✓ 0", arrears.QuerySelector(".criterion-proposed")!.TextContent.Trim());
        Assert.Equal("1", arrears.QuerySelector(".criterion-current .criterion-actual")!.TextContent.Trim());
        Assert.Equal(("true", "true", "false"),
            (arrears.GetAttribute("data-changed"), arrears.GetAttribute("data-met"), arrears.GetAttribute("data-current-met")));
        Assert.NotNull(arrears.QuerySelector(".criterion-changed"));
        var abnormal = page.QuerySelector(".criteria-table[data-grade='B'] tr[data-criterion='NoOpenAbnormalWarning']")!;
        Assert.Equal(("true", "1"), (abnormal.GetAttribute("data-changed"), abnormal.QuerySelector(".criterion-actual")!.TextContent.Trim()));
        Assert.Equal("false", page.QuerySelector(".criteria-table[data-grade='B'] tr[data-criterion='Volume']")!.GetAttribute("data-changed"));
        var outdated = page.QuerySelector("#proposal-outdated")!;
        Assert.Equal("C", outdated.GetAttribute("data-current-grade"));
        Assert.Contains("不能直接确认", outdated.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#confirm-form"));
        Assert.NotNull(page.QuerySelector("#override-form"));
        Assert.Equal("C", HtmlAssert.FieldValue(page, "OverrideGrade")); // the grade today's figures give

        // The client page says the same: the rules give C, and the waiting proposal cannot be confirmed as it stands.
        var clientPage = await head.GetPageAsync($"/Clients/{id}");
        Assert.Equal("C", clientPage.QuerySelector("#assessed-grade")!.GetAttribute("data-grade"));
        Assert.NotNull(clientPage.QuerySelector("#pending-proposal"));
        Assert.NotNull(clientPage.QuerySelector("#pending-proposal-outdated"));

        // Confirming anyway, by posting what the page no longer offers, is refused and changes nothing.
        using var confirm = await head.PostDirectAsync($"{url}?handler=Confirm", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var refused = await CrmClient.ParseAsync(confirm);
        Assert.Contains("不能直接确认", refused.QuerySelector("#decision-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ClientGrade.C, await GradingArrange.ClientAsync(App, id, c => c.Grade));
        Assert.Equal(ProposalState.Pending, await ProposalStateAsync(proposalId));
        Assert.Empty(await GradingArrange.HistoryAsync(App, id));

        // The head knows the arrears were paid yesterday and overrides with that reason.
        using var overridden = await head.SubmitAsync(page, url, "#override-form",
            new Dictionary<string, string?> { ["OverrideGrade"] = "B", ["Reason"] = "欠薪已于昨日全部补发，事件待财务确认后关闭" });
        Assert.Equal(HttpStatusCode.Redirect, overridden.StatusCode);

        Assert.Equal(ClientGrade.B, await GradingArrange.ClientAsync(App, id, c => c.Grade));
        Assert.Equal(ProposalState.Overridden, await ProposalStateAsync(proposalId));
        var change = await App.WithDbAsync(db => db.GradeChanges.AsNoTracking().SingleAsync(g => g.ClientId == id));
        Assert.Equal((ClientGrade.C, ClientGrade.B, GradeChangeKind.ProposalOverridden, "一部经理 张伟"),
            (change.FromGrade, change.ToGrade, change.Kind, change.ByName));
        // The history keeps the figures true at the decision, not the run's stale ones.
        var kept = Assert.Single(change.Criteria, c => c.Grade == ClientGrade.B && c.Criterion == GradingCriterion.NoOpenWageArrears);
        Assert.Equal(("1", false), (kept.Actual, kept.Met));
        Assert.Equal("1", Assert.Single(change.Criteria, c => c.Grade == ClientGrade.B && c.Criterion == GradingCriterion.NoOpenAbnormalWarning).Actual);
        var history = (await head.GetPageAsync($"/Clients/{id}")).QuerySelector("#grade-history tbody tr")!;
        Assert.Contains("调整建议", history.TextContent, StringComparison.Ordinal);
        Assert.Contains("未解决的拖欠工资事件: 1", history.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposal_whose_figures_moved_but_still_give_its_grade_is_confirmed_with_the_changes_marked_and_todays_figures_kept()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Growing Regular Trading");
        var head = await SignedInAsync("head1");
        await GradingArrange.StartRunAsync(head);
        var proposalId = await GradingArrange.PendingProposalAsync(App, id);
        // One more in-service batch of 20 workers, signed a month ago: 60 workers instead of 40, still B.
        await GradingArrange.ProjectsAsync(App, id, [30], workers: 20, amountCny: 200_000m);

        var page = await head.GetPageAsync($"/Grading/Proposals/{proposalId}");

        Assert.Null(page.QuerySelector("#proposal-outdated"));
        Assert.NotNull(page.QuerySelector("#proposal-figures-changed"));
        var volume = page.QuerySelector(".criteria-table[data-grade='B'] tr[data-criterion='Volume']")!;
        Assert.Equal("true", volume.GetAttribute("data-changed"));
        Assert.StartsWith("60 / ", volume.QuerySelector(".criterion-actual")!.TextContent.Trim(), StringComparison.Ordinal);
        using var confirmed = await head.SubmitAsync(page, $"/Grading/Proposals/{proposalId}", "#confirm-form");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var change = await App.WithDbAsync(db => db.GradeChanges.AsNoTracking().SingleAsync(g => g.ClientId == id));
        Assert.Equal((ClientGrade.B, GradeChangeKind.ProposalConfirmed), (change.ToGrade, change.Kind));
        Assert.StartsWith("60 / ", Assert.Single(change.Criteria, c => c.Grade == ClientGrade.B && c.Criterion == GradingCriterion.Volume).Actual,
            StringComparison.Ordinal);
    }

    private Task<ProposalState> ProposalStateAsync(Guid proposalId) =>
        App.WithDbAsync(db => db.GradeProposals.Where(p => p.Id == proposalId).Select(p => p.State).SingleAsync());
}
