using System.Net;
using ClientCrm.Domain.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Grading;

/// <summary>SPEC §4: regrade runs propose grades from the data; heads and leaders decide them within their authority.</summary>
public sealed class GradingTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_client_whose_projects_meet_A_is_proposed_A_and_a_leader_confirms_it_with_a_responsible_leader()
    {
        var id = await GradingArrange.KeyClientAsync(App, "staff1a", "Gulf Key Contracting");
        var leader = await SignedInAsync("leader");

        var runId = await GradingArrange.StartRunAsync(leader);
        var run = await leader.GetPageAsync($"/Grading/Runs/{runId}");
        var row = run.QuerySelector($"#run-changes tr[data-client-id='{id}']");
        Assert.NotNull(row);
        Assert.Equal("A", row.QuerySelectorAll(".grade-badge")[1].GetAttribute("data-grade"));

        var proposalId = await GradingArrange.PendingProposalAsync(App, id);
        var proposal = await leader.GetPageAsync($"/Grading/Proposals/{proposalId}");
        var criteriaOfA = proposal.QuerySelectorAll(".criteria-table[data-grade='A'] tr[data-criterion]");
        Assert.Equal(Enum.GetValues<GradingCriterion>().Length, criteriaOfA.Length); // every criterion of A is shown
        Assert.All(criteriaOfA, r => Assert.Equal("true", r.GetAttribute("data-met")));
        using var confirmed = await leader.SubmitAsync(proposal, $"/Grading/Proposals/{proposalId}", "#confirm-form");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        Assert.Equal(ClientGrade.A, await GradingArrange.ClientAsync(App, id, c => c.Grade));
        Assert.NotNull(await GradingArrange.ClientAsync(App, id, c => c.ResponsibleLeaderId));
        var page = await leader.GetPageAsync($"/Clients/{id}");
        Assert.Contains("公司领导", page.QuerySelector("#responsible-leader")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("30", page.QuerySelector("#grade-duties")!.TextContent, StringComparison.Ordinal);
        var history = page.QuerySelectorAll("#grade-history tbody tr");
        Assert.Single(history);
        Assert.Contains("C → A", history[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("160", history[0].TextContent, StringComparison.Ordinal); // the workers figure it rested on
    }

    [Fact]
    public async Task A_wage_arrears_incident_drops_an_A_client_at_the_next_run_and_the_pages_show_why()
    {
        var id = await GradingArrange.KeyClientAsync(App, "staff1a", "Arrears Falcon LLC");
        var leader = await SignedInAsync("leader");
        await GradingArrange.StartRunAsync(leader);
        using (var confirmed = await leader.SubmitAsync($"/Grading/Proposals/{await GradingArrange.PendingProposalAsync(App, id)}", "#confirm-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        // The new grade's warning check runs before the incident is arranged, as it would have long before it in real life:
        // run later, it would find the arrears and raise an abnormal warning, a second failed criterion this test is not about.
        await App.DrainOutboxAsync();
        await GradingArrange.WageArrearsAsync(App, id);

        var staff = await SignedInAsync("staff1a");
        var page = await staff.GetPageAsync($"/Clients/{id}");
        Assert.Equal("C", page.QuerySelector("#assessed-grade")!.GetAttribute("data-grade"));
        var reason = page.QuerySelector(".criteria-table[data-grade='A'] tr[data-criterion='NoOpenWageArrears']")!;
        Assert.Equal("false", reason.GetAttribute("data-met"));
        Assert.Equal("1", reason.QuerySelector(".criterion-actual")!.TextContent.Trim());
        Assert.Contains("拖欠工资", reason.TextContent, StringComparison.Ordinal);

        await GradingArrange.StartRunAsync(leader);
        var proposalId = await GradingArrange.PendingProposalAsync(App, id);
        var proposal = await leader.GetPageAsync($"/Grading/Proposals/{proposalId}");
        Assert.Equal(["A", "C"], proposal.QuerySelectorAll("#proposal-summary .grade-badge").Select(b => b.GetAttribute("data-grade")));
        var failed = proposal.QuerySelectorAll(".criteria-table[data-met], .criteria-table tr[data-met='false']").Select(r => r.GetAttribute("data-criterion")).Distinct();
        Assert.Equal(["NoOpenWageArrears"], failed);
    }

    [Fact]
    public async Task An_override_without_a_reason_is_refused_next_to_the_field_and_changes_nothing()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Reasonless Override Co");
        var head = await SignedInAsync("head1");
        await GradingArrange.StartRunAsync(head);
        var proposalId = await GradingArrange.PendingProposalAsync(App, id);

        using var response = await head.SubmitAsync($"/Grading/Proposals/{proposalId}", "#override-form",
            new Dictionary<string, string?> { ["OverrideGrade"] = "C", ["Reason"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("理由", HtmlAssert.FieldError(page, "Reason"), StringComparison.Ordinal);
        Assert.Equal("C", HtmlAssert.FieldValue(page, "OverrideGrade"));
        Assert.Equal(ProposalState.Pending, await App.WithDbAsync(db => db.GradeProposals.Where(p => p.Id == proposalId).Select(p => p.State).SingleAsync()));
        Assert.Empty(await GradingArrange.HistoryAsync(App, id));

        using var withReason = await head.SubmitAsync($"/Grading/Proposals/{proposalId}", "#override-form",
            new Dictionary<string, string?> { ["OverrideGrade"] = "C", ["Reason"] = "需求下降，待下季度再评" });
        Assert.Equal(HttpStatusCode.Redirect, withReason.StatusCode);
        var decided = await App.WithDbAsync(db => db.GradeProposals.SingleAsync(p => p.Id == proposalId));
        Assert.Equal((ProposalState.Overridden, ClientGrade.C, "需求下降，待下季度再评"), (decided.State, decided.FinalGrade!.Value, decided.Reason));
        Assert.Equal(ClientGrade.C, await GradingArrange.ClientAsync(App, id, c => c.Grade));
    }

    [Fact]
    public async Task A_department_head_confirms_a_B_change_in_the_department_and_it_enters_the_history()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Regular Dhow Services");
        var head = await SignedInAsync("head1");
        await GradingArrange.StartRunAsync(head);
        var proposalId = await GradingArrange.PendingProposalAsync(App, id);

        using var response = await head.SubmitAsync($"/Grading/Proposals/{proposalId}", "#confirm-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ClientGrade.B, await GradingArrange.ClientAsync(App, id, c => c.Grade));
        var line = Assert.Single(await GradingArrange.HistoryAsync(App, id));
        Assert.Equal((ClientGrade.C, ClientGrade.B, "一部经理 张伟"), (line.From, line.To, line.By));
    }

    [Fact]
    public async Task A_department_head_cannot_confirm_a_change_to_A_even_by_posting_directly()
    {
        var id = await GradingArrange.KeyClientAsync(App, "staff1a", "Head Cannot Crown Ltd");
        var head = await SignedInAsync("head1");
        await GradingArrange.StartRunAsync(head);
        var proposalId = await GradingArrange.PendingProposalAsync(App, id);

        var page = await head.GetPageAsync($"/Grading/Proposals/{proposalId}");
        Assert.Null(page.QuerySelector("#confirm-form"));
        Assert.NotNull(page.QuerySelector("#leader-decides"));
        var queue = await head.GetPageAsync("/Grading");
        Assert.NotNull(queue.QuerySelector($"tr[data-proposal-id='{proposalId}'] .leader-decides"));

        using var confirm = await head.PostDirectAsync($"/Grading/Proposals/{proposalId}?handler=Confirm", new Dictionary<string, string?>());
        using var overrideToA = await head.PostDirectAsync($"/Grading/Proposals/{proposalId}?handler=Override",
            new Dictionary<string, string?> { ["OverrideGrade"] = "A", ["Reason"] = "想要 A" });

        Assert.Contains("公司领导", (await CrmClient.ParseAsync(confirm)).QuerySelector("#decision-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, overrideToA.StatusCode);
        Assert.Equal(ClientGrade.C, await GradingArrange.ClientAsync(App, id, c => c.Grade));
        Assert.Equal(ProposalState.Pending, await App.WithDbAsync(db => db.GradeProposals.Where(p => p.Id == proposalId).Select(p => p.State).SingleAsync()));
    }

    [Fact]
    public async Task A_department_heads_run_assesses_only_their_department_and_others_never_see_it()
    {
        var mine = await GradingArrange.KeyClientAsync(App, "staff1a", "Department One Key Co");
        var theirs = await GradingArrange.KeyClientAsync(App, "staff2a", "Department Two Key Co");
        var head = await SignedInAsync("head1");

        var runId = await GradingArrange.StartRunAsync(head);

        var (assessed, departments, clientIds) = await App.WithDbAsync(async db =>
        {
            var run = await db.GradingRuns.SingleAsync(r => r.Id == runId);
            var proposals = await db.GradeProposals.Where(p => p.RunId == runId).Select(p => new { p.ClientId, p.Client!.DepartmentId }).ToListAsync();
            return (run.ClientsAssessed, proposals.Select(p => p.DepartmentId).Distinct().ToList(), proposals.Select(p => p.ClientId).ToList());
        });
        var department1 = await App.WithDbAsync(db => db.Clients.CountAsync(c => c.DepartmentId == db.Users.Single(u => u.UserName == "head1").DepartmentId));
        Assert.Equal(department1, assessed);
        Assert.Single(departments);
        Assert.Contains(mine, clientIds);
        Assert.DoesNotContain(theirs, clientIds);

        var otherHead = await SignedInAsync("head2");
        using var runPage = await otherHead.GetAsync($"/Grading/Runs/{runId}");
        Assert.Equal(HttpStatusCode.NotFound, runPage.StatusCode);
        var otherQueue = await otherHead.GetPageAsync("/Grading");
        Assert.Empty(otherQueue.QuerySelectorAll("#pending-proposals tr[data-proposal-id]"));
        var proposalId = await GradingArrange.PendingProposalAsync(App, mine);
        using var proposal = await otherHead.GetAsync($"/Grading/Proposals/{proposalId}");
        Assert.Equal(HttpStatusCode.NotFound, proposal.StatusCode);
    }

    [Fact]
    public async Task A_company_wide_run_sets_Pareto_class_and_lifecycle_and_a_second_run_supersedes_the_first()
    {
        var id = await GradingArrange.KeyClientAsync(App, "staff1a", "Pareto Leader Holdings");
        // A contract far larger than all the demo company's together puts the client at the top of the ranking.
        await GradingArrange.ProjectsAsync(App, id, [10], workers: 5, amountCny: 5_000_000_000m);
        var leader = await SignedInAsync("leader");

        var first = await GradingArrange.StartRunAsync(leader);
        var second = await GradingArrange.StartRunAsync(leader);

        var (pareto, stage) = await GradingArrange.ClientAsync(App, id, c => new Tuple<ParetoClass?, LifecycleStage?>(c.Classes!.Pareto, c.Classes!.Lifecycle));
        Assert.Equal(ParetoClass.I, pareto);
        Assert.Equal(LifecycleStage.Growth, stage); // 4 batches this year, 1 the year before
        var states = await App.WithDbAsync(db => db.GradeProposals.Where(p => p.ClientId == id).OrderBy(p => p.CreatedAt)
            .Select(p => new { p.RunId, p.State }).ToListAsync());
        Assert.Equal([(first, ProposalState.Superseded), (second, ProposalState.Pending)], states.Select(s => (s.RunId, s.State)));
        var list = await leader.GetPageAsync("/Clients?pareto=I");
        Assert.NotNull(list.QuerySelector($"#client-table tr[data-client-id='{id}']"));
    }

    [Fact]
    public async Task Staff_cannot_open_the_grading_pages_or_set_a_grade_by_hand()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Staff Cannot Grade Co");
        var staff = await SignedInAsync("staff1a");

        foreach (var url in new[] { "/Grading", "/Settings/Grading" })
        {
            using var response = await staff.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && !(response.Headers.Location?.OriginalString.Contains("Login", StringComparison.Ordinal) ?? false),
                $"{url}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var page = await staff.GetPageAsync($"/Clients/{id}");
        Assert.Null(page.QuerySelector("#grade-form"));
        using var post = await staff.PostDirectAsync($"/Clients/{id}?handler=Grade",
            new Dictionary<string, string?> { ["GradeTo"] = "B", ["GradeReason"] = "staff try" });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(ClientGrade.C, await GradingArrange.ClientAsync(App, id, c => c.Grade));
    }

    [Fact]
    public async Task A_leader_sets_A_by_hand_with_a_reason_and_a_head_is_not_offered_A()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Hand Graded Partners");
        var head = await SignedInAsync("head1");
        var headPage = await head.GetPageAsync($"/Clients/{id}");
        var offered = headPage.QuerySelectorAll("#grade-form select[name='GradeTo'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "B"], offered);

        var leader = await SignedInAsync("leader");
        using var noReason = await leader.SubmitAsync($"/Clients/{id}", "#grade-form", new Dictionary<string, string?> { ["GradeTo"] = "A", ["GradeReason"] = "" });
        Assert.NotEmpty(HtmlAssert.FieldError(await CrmClient.ParseAsync(noReason), "GradeReason"));
        using var done = await leader.SubmitAsync($"/Clients/{id}", "#grade-form",
            new Dictionary<string, string?> { ["GradeTo"] = "A", ["GradeReason"] = "战略客户，董事会决定" });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ClientGrade.A, await GradingArrange.ClientAsync(App, id, c => c.Grade));
        var line = Assert.Single(await GradingArrange.HistoryAsync(App, id));
        Assert.Equal("战略客户，董事会决定", line.Reason);
    }
}

public sealed class ClientClassesTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_class_summary_counts_only_the_clients_in_scope_by_region_and_grade()
    {
        var id = await GradingArrange.KeyClientAsync(App, "staff1a", "Summary Key Co");
        var leader = await SignedInAsync("leader");
        using (var set = await leader.SubmitAsync($"/Clients/{id}", "#grade-form",
                   new Dictionary<string, string?> { ["GradeTo"] = "A", ["GradeReason"] = "统计测试" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        var staff = await SignedInAsync("staff1a");
        var page = await staff.GetPageAsync("/Clients/Classes");

        var expected = await App.WithDbAsync(db => db.Clients.CountAsync(c =>
            c.OwnerId == db.Users.Single(u => u.UserName == "staff1a").Id && c.Region == Domain.Clients.Region.ME && c.Grade == ClientGrade.C));
        Assert.Equal("1", page.QuerySelector("#region-summary tr[data-region='ME'] td[data-grade='A']")!.TextContent.Trim());
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.QuerySelector("#region-summary tr[data-region='ME'] td[data-grade='C']")!.TextContent.Trim());
        var staffTotal = page.QuerySelectorAll("#region-summary tr.fw-bold td").Skip(1).Sum(td => int.Parse(td.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(await App.WithDbAsync(db => db.Clients.CountAsync(c => c.OwnerId == db.Users.Single(u => u.UserName == "staff1a").Id)), staffTotal);
    }
}
