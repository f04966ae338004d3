using System.Net;
using AngleSharp.Html.Dom;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Notifications;
using ClientCrm.Infrastructure.Evaluations;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.ContractReviews;

/// <summary>
/// Issue 12, contract review of each batch (ISO 9001 合同评审) and initiation (立项) on the pages: a project cannot recruit before
/// its review passed (the form says so next to the status); an A client's review walks owner → head → leader to a pass that
/// numbers the project; staff cannot decide; another department's head gets 404 on every page and post; the print form.
/// </summary>
public sealed class ContractReviewWorkflowTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_project_cannot_be_set_to_recruiting_before_its_review_passes_and_saving_it_in_contract_review_opens_the_review()
    {
        var (clientId, projectId) = await ProjectAsync(ClientGrade.C, ProjectStatus.Negotiating);
        var staff = await SignedInAsync("staff1a");
        var edit = $"/Clients/{clientId}/Projects/{projectId}/Edit";

        using (var refused = await staff.SubmitAsync(edit, "#project-form", new Dictionary<string, string?>
               { ["Input.Status"] = "Recruiting", ["Input.ContractSignedOn"] = App.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await CrmClient.ParseAsync(refused);
            Assert.Contains("合同评审", HtmlAssert.FieldError(page, "Input.Status"), StringComparison.Ordinal);
            Assert.Equal("Recruiting", page.QuerySelector("select[name='Input.Status'] option[selected]")!.GetAttribute("value"));
            Assert.Equal($"/ContractReviews/Start?projectId={projectId}", page.QuerySelector("#status-review-link")!.GetAttribute("href"));
        }

        Assert.Equal(ProjectStatus.Negotiating, await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.Id == projectId).Select(p => p.Status).SingleAsync()));
        using var toReview = await staff.SubmitAsync(edit, "#project-form", new Dictionary<string, string?> { ["Input.Status"] = "ContractReview" });
        Assert.Equal(HttpStatusCode.Redirect, toReview.StatusCode);
        Assert.Equal($"/ContractReviews/Start?projectId={projectId}", toReview.Headers.Location!.OriginalString);
        var start = await staff.GetPageAsync($"/ContractReviews/Start?projectId={projectId}");
        Assert.Equal("焊工 Welder", start.QuerySelector("#Input_JobTypes")!.TextContent);
        Assert.Equal("20", start.QuerySelector("#Input_Headcount")!.GetAttribute("value"));
        Assert.NotNull((await staff.GetPageAsync($"/Clients/{clientId}/Projects/{projectId}")).QuerySelector("#project-start-review"));
    }

    [Fact]
    public async Task An_A_clients_review_goes_from_the_owner_to_the_head_and_a_leader_and_its_pass_gives_the_project_its_number()
    {
        var (clientId, projectId) = await ProjectAsync(ClientGrade.A, ProjectStatus.ContractReview);
        var staff = await SignedInAsync("staff1a");
        using var started = await staff.SubmitAsync($"/ContractReviews/Start?projectId={projectId}", "#review-start-form", new Dictionary<string, string?>
        {
            ["Input.Qualifications"] = "6G 焊工证 6G certificate", ["Input.Schedule"] = "三月出境 Departure in March",
            ["Input.Pay"] = "月薪 1200 美元 USD 1200 a month", ["Input.RecruitmentSources"] = "江苏培训基地 Jiangsu centre",
            ["Input.Training"] = "两周安全培训 Two weeks of safety training", ["Input.Timeline"] = "可按期 On time",
        });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var url = started.Headers.Location!.OriginalString;
        Assert.StartsWith("/ContractReviews/", url, StringComparison.Ordinal);
        var id = Guid.Parse(url["/ContractReviews/".Length..]);

        var draft = await staff.GetPageAsync(url);
        Assert.Null(draft.QuerySelector("#decide-form"));
        // The owner's turn (a draft, then the owner's own opinion) and the leaders' (an A client's) are one to-do condition.
        Assert.NotNull((await staff.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
        using (var submitted = await staff.SubmitAsync(WithAction(draft, "#review-form", $"{url}?handler=Submit"), url, "#review-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        await App.DrainOutboxAsync();
        var told = await NotifiedAsync(id);
        Assert.Contains(("head1", NotificationKind.ContractReviewToGiveOpinion), told);
        Assert.Contains(("leader", NotificationKind.ContractReviewToGiveOpinion), told);
        Assert.NotNull((await staff.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
        await OpinionAsync(staff, url, "Agree");
        Assert.Null((await staff.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));

        var head = await SignedInAsync("head1");
        Assert.NotNull((await head.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
        await OpinionAsync(head, url, "AgreeWithConditions");
        var headPage = await head.GetPageAsync(url);
        Assert.Null(headPage.QuerySelector("#decide-form"));
        using (var headPass = await head.PostDirectAsync($"{url}?handler=Pass", new Dictionary<string, string?> { ["Input.Version"] = Version(headPage) }))
        {
            var page = await CrmClient.ParseAsync(headPass);
            Assert.Contains("公司领导", page.QuerySelector("#review-errors")!.TextContent, StringComparison.Ordinal);
        }

        var leader = await SignedInAsync("leader");
        Assert.NotNull((await leader.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
        var before = await leader.GetPageAsync(url);
        Assert.Equal("OpinionsMissing", before.QuerySelector("#pass-blocked")!.GetAttribute("data-code")!.Split('.')[1]);
        Assert.All(before.QuerySelectorAll("#review-checks .review-check"), c => Assert.Equal("true", c.GetAttribute("data-passed")));
        await OpinionAsync(leader, url, "Agree");
        using (var passed = await leader.SubmitAsync(url, "#decide-form", new Dictionary<string, string?> { ["Input.DecisionText"] = "同意立项 Initiate it" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        }

        var year = App.Clock.Today.Year;
        var number = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.Id == projectId).Select(p => p.ProjectNumber).SingleAsync());
        Assert.Matches($"^LX-{year}-\\d{{4}}$", number!);
        var done = await staff.GetPageAsync(url);
        Assert.Equal("Passed", done.QuerySelector("#review-state")!.GetAttribute("data-state"));
        Assert.Contains(number!, done.QuerySelector("#review-project-number")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Started", "Submitted", "OpinionGiven", "OpinionGiven", "OpinionGiven", "Passed"],
            done.QuerySelectorAll("#review-timeline li").Select(li => li.GetAttribute("data-event-kind")));
        Assert.Equal(number, (await staff.GetPageAsync($"/Clients/{clientId}/Projects/{projectId}")).QuerySelector("#project-number")!.TextContent);

        var print = await staff.GetPageAsync($"{url}/Print");
        Assert.Contains("合同评审表", print.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(number, print.QuerySelector("#print-project-number")!.TextContent);
        Assert.Equal(3, print.QuerySelectorAll(".print-opinion").Length);
        Assert.Contains("通过", print.QuerySelector("#print-result")!.TextContent, StringComparison.Ordinal);

        // Initiated: the project may recruit now.
        using var recruiting = await staff.SubmitAsync($"/Clients/{clientId}/Projects/{projectId}/Edit", "#project-form", new Dictionary<string, string?>
            { ["Input.Status"] = "Recruiting", ["Input.ContractSignedOn"] = App.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, recruiting.StatusCode);
        await App.DrainOutboxAsync();
        Assert.Contains(("staff1a", NotificationKind.ContractReviewDecided), await NotifiedAsync(id));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ContractReview" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Staff_cannot_decide_a_review_and_a_failing_check_keeps_the_head_from_passing_it()
    {
        var (clientId, projectId) = await ProjectAsync(ClientGrade.C, ProjectStatus.ContractReview);
        var id = await SubmittedWithOpinionsAsync(projectId);
        var url = $"/ContractReviews/{id}";
        var staff = await SignedInAsync("staff1a");
        var page = await staff.GetPageAsync(url);
        Assert.Null(page.QuerySelector("#decide-form"));
        var version = await App.WithDbAsync(db => db.ContractReviews.Where(r => r.Id == id).Select(r => r.Version).SingleAsync());
        using (var tried = await staff.PostDirectAsync($"{url}?handler=Pass", new Dictionary<string, string?> { ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.OK, tried.StatusCode);
            Assert.Contains("部门负责人或公司领导", (await CrmClient.ParseAsync(tried)).QuerySelector("#review-errors")!.TextContent, StringComparison.Ordinal);
        }

        // The project loses its job types: the terms check fails and names itself.
        await App.WithDbAsync(async db =>
        {
            var project = await db.CooperationProjects.SingleAsync(p => p.Id == projectId);
            project.Revise(new ProjectTerms { Name = project.Name, WorkCountryCode = project.WorkCountryCode, WorkersRequested = 20, Status = ProjectStatus.ContractReview },
                null, App.Clock.Today, App.Clock.UtcNow);
            await db.SaveChangesAsync();
        });
        var head = await SignedInAsync("head1");
        var headPage = await head.GetPageAsync(url);
        Assert.Equal("false", headPage.QuerySelector("#review-checks [data-check='ProjectTerms']")!.GetAttribute("data-passed"));
        Assert.NotNull(headPage.QuerySelector("#pass-submit[disabled]"));
        using (var refused = await head.PostDirectAsync($"{url}?handler=Pass", new Dictionary<string, string?> { ["Input.Version"] = Version(headPage) }))
        {
            Assert.Contains("检查", (await CrmClient.ParseAsync(refused)).QuerySelector("#review-errors")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(ContractReviewState.Submitted, await App.WithDbAsync(db => db.ContractReviews.Where(r => r.Id == id).Select(r => r.State).SingleAsync()));
        Assert.Null(await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.Id == projectId).Select(p => p.ProjectNumber).SingleAsync()));
        using var rejected = await head.SubmitAsync(WithAction(headPage, "#decide-form", $"{url}?handler=Reject"), url, "#decide-form",
            new Dictionary<string, string?> { ["Input.RejectReason"] = "条款不全 Terms incomplete" });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.NotNull((await staff.GetPageAsync(url)).QuerySelector("#revise-link"));
        _ = clientId;
    }

    [Fact]
    public async Task A_department_whose_head_is_disabled_has_its_submitted_reviews_in_the_leaders_to_do_list()
    {
        // A C client's review waits for the head; with the head disabled the leaders take it (their to-do query reads the
        // department only when a department has no head).
        var (_, projectId) = await ProjectAsync(ClientGrade.C, ProjectStatus.ContractReview);
        var id = await SubmittedWithOpinionsAsync(projectId);
        await App.WithDbAsync(async db => await db.Users.Where(u => u.UserName == "head1").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true)));

        var todo = await (await SignedInAsync("leader")).GetPageAsync("/Todo");
        Assert.Single(todo.QuerySelectorAll($"#todo-table tr[data-id='{id}']"));
    }

    [Fact]
    public async Task A_C_clients_review_with_a_head_in_the_department_is_not_in_the_leaders_to_do_list()
    {
        var (_, projectId) = await ProjectAsync(ClientGrade.C, ProjectStatus.ContractReview);
        var id = await SubmittedWithOpinionsAsync(projectId);

        var todo = await (await SignedInAsync("leader")).GetPageAsync("/Todo");
        Assert.NotNull(todo.QuerySelector("#todo-table"));
        Assert.Null(todo.QuerySelector($"#todo-table tr[data-id='{id}']"));
        Assert.NotNull((await (await SignedInAsync("head1")).GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
    }

    [Fact]
    public async Task A_head_of_another_department_gets_404_on_every_review_page_and_post()
    {
        var (_, projectId) = await ProjectAsync(ClientGrade.C, ProjectStatus.ContractReview);
        var id = await SubmittedWithOpinionsAsync(projectId);
        var other = await SignedInAsync("head2");

        foreach (var url in new[] { $"/ContractReviews/{id}", $"/ContractReviews/{id}/Print", $"/ContractReviews/Start?projectId={projectId}" })
        {
            using var response = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var handler in Enum.GetNames<ContractReviewAction>())
        {
            using var response = await other.PostDirectAsync($"/ContractReviews/{id}?handler={handler}", new Dictionary<string, string?> { ["Input.Note"] = "x" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var start = await other.PostDirectAsync($"/ContractReviews/Start?projectId={projectId}", new Dictionary<string, string?> { ["Input.JobTypes"] = "x" });
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.DoesNotContain(id.ToString(), (await other.GetPageAsync("/ContractReviews?state=all")).Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(ContractReviewState.Submitted, await App.WithDbAsync(db => db.ContractReviews.Where(r => r.Id == id).Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task Starting_a_B_clients_review_asks_for_an_important_information_report()
    {
        var (_, projectId) = await ProjectAsync(ClientGrade.B, ProjectStatus.ContractReview);
        var staff = await SignedInAsync("staff1a");

        using var started = await staff.SubmitAsync($"/ContractReviews/Start?projectId={projectId}", "#review-start-form");

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/InformationReports/Ask?projectId={projectId}&reason=ContractReview", started.Headers.Location!.OriginalString);
        Assert.True(await App.WithDbAsync(db => db.ContractReviews.AnyAsync(r => r.ProjectId == projectId && r.State == ContractReviewState.Draft)));
    }

    /// <summary>A new batch of one of staff1a's clients that passes the business gate, the client given <paramref name="grade"/>.</summary>
    private async Task<(Guid ClientId, Guid ProjectId)> ProjectAsync(ClientGrade grade, ProjectStatus status)
    {
        var candidates = await App.WithDbAsync(db => db.Clients
            .Where(c => c.OwnerId == db.Users.First(u => u.UserName == "staff1a").Id && c.Status == ClientStatus.Active)
            .OrderBy(c => c.Name).Select(c => c.Id).ToListAsync());
        foreach (var candidate in candidates)
        {
            if ((await App.WithDbAsync(db => GateFactsQuery.MissingAsync(db, candidate, App.Clock, default)))!.Count == 0)
            {
                if (grade != await App.WithDbAsync(db => db.Clients.Where(c => c.Id == candidate).Select(c => c.Grade).SingleAsync()))
                {
                    await WarningDataArrange.SetGradeAsync(App, candidate, grade);
                }

                var projectId = await App.WithDbAsync(async db =>
                {
                    var client = await db.Clients.SingleAsync(c => c.Id == candidate);
                    var project = CooperationProject.Open(client, new ProjectTerms
                    {
                        Name = $"Review batch {Guid.NewGuid():N}"[..24], JobTypes = "焊工 Welder", WorkCountryCode = client.CountryCode, WorkersRequested = 20,
                        Status = status,
                    }, null, App.Clock.Today, App.Clock.UtcNow);
                    db.CooperationProjects.Add(project);
                    await db.SaveChangesAsync();
                    return project.Id;
                });
                return (candidate, projectId);
            }
        }

        throw new InvalidOperationException("staff1a has no client that passes the business gate");
    }

    /// <summary>A review of the project submitted with the owner's and head's opinions, through the domain.</summary>
    private Task<Guid> SubmittedWithOpinionsAsync(Guid projectId) => App.WithDbAsync(async db =>
    {
        var project = await db.CooperationProjects.SingleAsync(p => p.Id == projectId);
        var client = await db.Clients.SingleAsync(c => c.Id == project.ClientId);
        var people = await Development.Seeding.ReviewPeople.OfAsync(db, client);
        var review = Development.Seeding.ContractReviewWalk.Submitted(project, client.Grade, people, App.Clock.UtcNow.AddDays(-1), opinions: true);
        db.ContractReviews.Add(review);
        await db.SaveChangesAsync();
        return review.Id;
    });

    private static async Task OpinionAsync(CrmClient user, string url, string verdict)
    {
        using var response = await user.SubmitAsync(url, "#opinion-form", new Dictionary<string, string?>
            { ["Input.Verdict"] = verdict, ["Input.OpinionText"] = $"{verdict} — 意见 opinion" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static IHtmlDocument WithAction(IHtmlDocument page, string formSelector, string action)
    {
        page.QuerySelector(formSelector)!.SetAttribute("action", action);
        return page;
    }

    private static string Version(IHtmlDocument page) => page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

    private Task<List<(string User, NotificationKind Kind)>> NotifiedAsync(Guid id) =>
        App.WithDbAsync(async db => (await db.Notifications.Where(n => n.SubjectId == id)
                .Select(n => new { User = db.Users.Where(u => u.Id == n.RecipientId).Select(u => u.UserName).First(), n.Kind })
                .ToListAsync())
            .Select(n => (n.User!, n.Kind)).ToList());
}
