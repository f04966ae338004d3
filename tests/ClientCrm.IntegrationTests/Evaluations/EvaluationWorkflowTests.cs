using System.Net;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Notifications;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Projects;
using ClientCrm.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Evaluations;

/// <summary>
/// Issue 12, new-client evaluation and the business gate (SPEC §5.2), on the pages: draft → submitted (owner) → reviewed
/// (head) → approved (leader, with minutes) → the client turns Active by itself; the gate names what is missing until the
/// registration is checked and confirmed and the evaluation approved; scope, escalation and the headless department.
/// </summary>
public sealed class EvaluationWorkflowTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly Dictionary<string, string?> Sections = new()
    {
        ["Input.CreditStanding"] = "营业执照、银行资信证明已核实 License and bank reference verified",
        ["Input.ProjectFeasibility"] = "40 名焊工，三个月内可招齐 40 welders within three months",
        ["Input.ApplicablePolicies"] = "阿联酋劳动法；《对外劳务合作管理条例》UAE labor law; Decree 620",
        ["Input.DevelopmentCostCny"] = "35000",
        ["Input.Risk"] = "Medium",
        ["Input.RiskReasons"] = "首次合作 First cooperation",
        ["Input.Recommendation"] = "建议合作 Recommend",
    };

    [Fact]
    public async Task A_prospect_is_evaluated_step_by_step_turns_active_by_itself_and_passes_the_gate_once_its_license_and_credit_certificate_are_uploaded()
    {
        var clientId = await ProspectOfAsync("staff1a");
        var staff = await SignedInAsync("staff1a");

        // Before anything: the gate names every missing condition, each with a link to fix it, and offers no form.
        var refused = await staff.GetPageAsync($"/Clients/{clientId}/Projects/Create");
        Assert.Equal(["ClientActive", "BusinessLicense", "CreditCertificate", "EvaluationApproved"],
            refused.QuerySelectorAll("#gate-missing li").Select(li => li.GetAttribute("data-condition")));
        Assert.All(refused.QuerySelectorAll("#gate-missing li a.gate-fix"), a => Assert.StartsWith($"/Clients/{clientId}", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal($"/Clients/{clientId}/Documents/Upload?type=BusinessLicense",
            refused.QuerySelector("#gate-missing li[data-condition='BusinessLicense'] a.gate-fix")!.GetAttribute("href"));
        Assert.Null(refused.QuerySelector("#project-form"));
        using (var posted = await staff.PostDirectAsync($"/Clients/{clientId}/Projects/Create", ProjectTestData.ValidProject("Gate Test Batch")))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        Assert.False(await App.WithDbAsync(db => db.CooperationProjects.AnyAsync(p => p.ClientId == clientId)));

        // The owner starts the evaluation from the client page.
        using var started = await staff.SubmitAsync($"/Clients/{clientId}", "#evaluation-start-form");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var url = started.Headers.Location!.OriginalString;
        var id = Guid.Parse(url["/Evaluations/".Length..]);

        // Submitting an empty draft names the first missing section next to its field and changes nothing.
        var draft = await staff.GetPageAsync(url);
        using (var empty = await staff.PostDirectAsync($"{url}?handler=Submit", new Dictionary<string, string?>
               { ["Input.Version"] = draft.QuerySelector("input[name='Input.Version']")!.GetAttribute("value") }))
        {
            var page = await CrmClient.ParseAsync(empty);
            Assert.Contains("客户资信", page.QuerySelector("[data-valmsg-for='Input.CreditStanding']")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(EvaluationState.Draft, await StateAsync(id));

        // Staff cannot take the head's or the leaders' steps, even by posting them.
        var values = new Dictionary<string, string?>(Sections) { ["Input.Version"] = (await VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        using (var submitted = await staff.PostDirectAsync($"{url}?handler=Submit", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        await App.DrainOutboxAsync();
        Assert.Equal((EvaluationState.Submitted, ClientStatus.UnderEvaluation), (await StateAsync(id), await ClientStatusAsync(clientId)));
        Assert.Contains(("head1", NotificationKind.EvaluationToReview), await NotifiedAsync(id));
        using (var notHers = await staff.PostDirectAsync($"{url}?handler=Review", new Dictionary<string, string?> { ["Input.HeadOpinion"] = "ok", ["Input.Version"] = (await VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.OK, notHers.StatusCode);
            Assert.Contains("部门负责人", (await CrmClient.ParseAsync(notHers)).QuerySelector("#evaluation-errors")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(EvaluationState.Submitted, await StateAsync(id));

        var head = await SignedInAsync("head1");
        Assert.Null((await head.GetPageAsync(url)).QuerySelector("#decide-form"));
        using (var reviewed = await head.SubmitAsync(url, "#review-form", new Dictionary<string, string?> { ["Input.HeadOpinion"] = "资信良好，同意上报 Sound; forwarded" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        }

        var leader = await SignedInAsync("leader");
        using (var noMinutes = await leader.SubmitAsync(url, "#decide-form", new Dictionary<string, string?> { ["Input.DecisionParticipants"] = "李强、张伟" }))
        {
            Assert.Contains("讨论纪要", (await CrmClient.ParseAsync(noMinutes)).QuerySelector("[data-valmsg-for='Input.DecisionMinutes']")!.TextContent, StringComparison.Ordinal);
        }

        using (var approved = await leader.SubmitAsync(url, "#decide-form", new Dictionary<string, string?>
               { ["Input.DecisionMinutes"] = "专题讨论，同意合作 Discussed; approved", ["Input.DecisionParticipants"] = "李强、张伟、陈静" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        await App.DrainOutboxAsync();
        Assert.Equal((EvaluationState.Approved, ClientStatus.Active), (await StateAsync(id), await ClientStatusAsync(clientId)));
        Assert.Contains(("staff1a", NotificationKind.EvaluationDecided), await NotifiedAsync(id));

        // The timeline has every step with who did it and how long it took; the print view has the sections and signatures.
        var done = await staff.GetPageAsync(url);
        Assert.Equal(["Started", "Submitted", "Reviewed", "Approved"], done.QuerySelectorAll("#evaluation-timeline li").Select(li => li.GetAttribute("data-event-kind")));
        Assert.Equal(3, done.QuerySelectorAll("#evaluation-timeline .event-took").Length);
        var print = await staff.GetPageAsync($"{url}/Print");
        Assert.Contains("新客户情况评估表", print.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("专题讨论", print.QuerySelector("#print-minutes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("公司领导 李强", print.QuerySelector("#print-decision")!.TextContent, StringComparison.Ordinal);

        // Active and approved, but no license or credit certificate on file yet: the gate still names both.
        Assert.Equal(["BusinessLicense", "CreditCertificate"],
            (await staff.GetPageAsync($"/Clients/{clientId}/Projects/Create")).QuerySelectorAll("#gate-missing li").Select(li => li.GetAttribute("data-condition")));
        foreach (var type in new[] { Domain.Dossier.DocumentType.BusinessLicense, Domain.Dossier.DocumentType.CreditCertificate })
        {
            using var uploaded = await Dossier.DossierArrange.UploadAsync(staff, clientId, Dossier.DossierArrange.License(App.Clock.Today, type),
                ($"{type}.pdf", Dossier.DossierArrange.Pdf(type.ToString()), "application/pdf"));
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var open = await staff.GetPageAsync($"/Clients/{clientId}/Projects/Create");
        Assert.Null(open.QuerySelector("#gate-missing"));
        using var created = await staff.SubmitAsync(open, $"/Clients/{clientId}/Projects/Create", "#project-form", ProjectTestData.ValidProject("Gate Test Batch"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ClientEvaluation" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_head_of_another_department_gets_404_for_the_evaluation_its_print_view_and_every_step()
    {
        var id = await App.WithDbAsync(db => db.ClientEvaluations.Where(e => e.State == EvaluationState.Submitted && e.Client!.DepartmentId == db.Departments.First(d => d.Code == "D1").Id)
            .Select(e => e.Id).FirstAsync());
        var other = await SignedInAsync("head2");

        foreach (var url in new[] { $"/Evaluations/{id}", $"/Evaluations/{id}/Print" })
        {
            using var response = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var handler in new[] { "Edit", "Submit", "Return", "Review", "Approve", "Reject", "Note", "Revise" })
        {
            using var response = await other.PostDirectAsync($"/Evaluations/{id}?handler={handler}", new Dictionary<string, string?> { ["Input.HeadOpinion"] = "x", ["Input.Note"] = "x" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.DoesNotContain(id.ToString(), (await other.GetPageAsync("/Evaluations")).Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(EvaluationState.Submitted, await StateAsync(id));
    }

    [Fact]
    public async Task A_step_left_with_the_head_past_its_due_time_goes_to_the_leaders_once()
    {
        var id = await App.WithDbAsync(db => db.ClientEvaluations.Where(e => e.State == EvaluationState.Submitted && e.EscalatedAt == null)
            .OrderBy(e => e.StateSince).Select(e => e.Id).FirstAsync());
        await App.WithDbAsync(db => db.ClientEvaluations.Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.StateSince, App.Clock.UtcNow.AddDays(-4))));

        Assert.True(await EscalateAsync() >= 1);
        Assert.Equal(0, await EscalateAsync());

        Assert.NotNull(await App.WithDbAsync(db => db.ClientEvaluations.Where(e => e.Id == id).Select(e => e.EscalatedAt).SingleAsync()));
        Assert.Equal([("leader", NotificationKind.EvaluationOverdue)], (await NotifiedAsync(id)).Where(n => n.Kind == NotificationKind.EvaluationOverdue));
        var leader = await SignedInAsync("leader");
        var todo = await leader.GetPageAsync("/Todo");
        Assert.NotNull(todo.QuerySelector($"#todo-table tr[data-id='{id}'][data-overdue='true']"));
    }

    [Fact]
    public async Task A_department_whose_head_is_disabled_has_its_evaluations_reviewed_by_the_leaders()
    {
        await App.WithDbAsync(async db => await db.Users.Where(u => u.UserName == "head1").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true)));
        var id = await App.WithDbAsync(db => db.ClientEvaluations.Where(e => e.State == EvaluationState.Draft && e.Client!.DepartmentId == db.Departments.First(d => d.Code == "D1").Id)
            .Select(e => e.Id).FirstAsync());
        var ownerName = await App.WithDbAsync(db => db.ClientEvaluations.Where(e => e.Id == id).Select(e => db.Users.First(u => u.Id == e.Client!.OwnerId).UserName).SingleAsync());
        var owner = await SignedInAsync(ownerName!);
        var values = new Dictionary<string, string?>(Sections) { ["Input.Version"] = (await VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture) };

        using (var submitted = await owner.PostDirectAsync($"/Evaluations/{id}?handler=Submit", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        await App.DrainOutboxAsync();
        Assert.Contains(("leader", NotificationKind.EvaluationToReview), await NotifiedAsync(id));
        var leader = await SignedInAsync("leader");
        Assert.NotNull((await leader.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
        using var reviewed = await leader.SubmitAsync($"/Evaluations/{id}", "#review-form", new Dictionary<string, string?> { ["Input.HeadOpinion"] = "部门负责人空缺，由公司领导审核" });
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        Assert.Equal(EvaluationState.Reviewed, await StateAsync(id));
    }

    [Theory]
    [InlineData("staff1a")]
    [InlineData("head1")]
    [InlineData("leader")]
    public async Task The_todo_list_shows_exactly_what_waits_for_each_role_and_the_top_bar_counts_it(string userName)
    {
        var user = await SignedInAsync(userName);
        // Staff's own draft: one started on a prospect of theirs (the demo's drafts belong to whichever owner).
        var staff = userName == "staff1a" ? user : await SignedInAsync("staff1a");
        using (var started = await staff.SubmitAsync($"/Clients/{await ProspectOfAsync("staff1a")}", "#evaluation-start-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        var expected = await App.WithDbAsync(async db =>
        {
            var me = await db.Users.SingleAsync(u => u.UserName == userName);
            var d1 = await db.Departments.Where(d => d.Code == "D1").Select(d => d.Id).SingleAsync();
            var evaluations = await db.ClientEvaluations.Select(e => new { e.Id, e.State, e.Client!.OwnerId, e.Client.DepartmentId, e.EscalatedAt }).ToListAsync();
            var warnings = await db.Warnings.Where(Domain.Warnings.Warning.IsOpen).Select(w => new { w.Id, w.Client!.DepartmentId, w.EscalatedAt }).ToListAsync();
            var complaints = await db.Complaints.Where(Domain.Complaints.Complaint.IsOpen)
                .Select(c => new { c.Id, c.State, c.Client!.OwnerId, c.Client.DepartmentId, c.EscalatedAt }).ToListAsync();
            var cases = await db.AccountabilityCases.Where(Domain.Accountability.AccountabilityCase.IsOpen)
                .Select(c => new { c.Id, c.State, c.Client!.OwnerId, c.Client.DepartmentId, c.EscalatedAt }).ToListAsync();
            var reports = await db.InformationReports.Where(Domain.InformationReports.InformationReport.IsOpen)
                .Select(r => new { r.Id, r.State, r.ReporterId, DepartmentId = r.Client != null ? r.Client.DepartmentId : r.ReporterDepartmentId, r.EscalatedAt })
                .ToListAsync();
            // The reporter reads the instruction; the head forwards; the leaders instruct (and take the head's step once overdue).
            var reportIds = reports.Where(r => (r.State == Domain.InformationReports.InformationReportState.Instructed && r.ReporterId == me.Id)
                                               || (userName == "head1" && r.State == Domain.InformationReports.InformationReportState.Submitted && r.DepartmentId == d1)
                                               || (userName == "leader" && (r.State == Domain.InformationReports.InformationReportState.Forwarded
                                                                            || (r.State == Domain.InformationReports.InformationReportState.Submitted && r.EscalatedAt != null))))
                .Select(r => r.Id);
            // Contract reviews: the owner writes the draft; each reviewer gives an opinion on a submission; the head (a leader for
            // an A client) records the result.
            var reviews = (await db.ContractReviews.Where(Domain.ContractReviews.ContractReview.IsOpen)
                    .Select(r => new { r.Id, r.State, r.Client!.OwnerId, r.Client.DepartmentId, r.EscalatedAt, r.LeaderRequired,
                        Mine = r.Opinions.Any(o => o.Submission == r.Submission && o.ById == me.Id) }).ToListAsync())
                .Select(r => (r.Id, Draft: r.State == Domain.ContractReviews.ContractReviewState.Draft, r.OwnerId, r.DepartmentId, Escalated: r.EscalatedAt != null,
                    r.LeaderRequired, r.Mine)).ToList();
            var ownReviews = reviews.Where(r => r.OwnerId == me.Id && (r.Draft || !r.Mine)).Select(r => r.Id);
            // Access requests (调阅申请) wait for the leaders' decision.
            var waitingRequests = await db.AccessRequests.Where(Domain.Dossier.AccessRequest.IsWaiting).Select(r => r.Id).ToListAsync();
            // A business license or credit certificate expiring within 30 days reminds the owner and the head (not the leaders).
            var (today, lastDay) = (App.Clock.Today, App.Clock.Today.AddDays(30));
            var expiring = await db.ClientDocuments.Where(d => d.ArchivedAt == null && d.ValidUntil >= today && d.ValidUntil <= lastDay
                    && (d.Type == Domain.Dossier.DocumentType.BusinessLicense || d.Type == Domain.Dossier.DocumentType.CreditCertificate))
                .Select(d => new { d.Id, d.Client!.OwnerId, d.Client.DepartmentId }).ToListAsync();
            // What waits for each role, from the flows of SPEC §5 and seed 001 written out here.
            var ids = userName switch
            {
                "staff1a" => evaluations.Where(e => e.State == EvaluationState.Draft && e.OwnerId == me.Id).Select(e => e.Id)
                    .Concat(complaints.Where(c => c.State == Domain.Complaints.ComplaintState.Corrected && c.OwnerId == me.Id).Select(c => c.Id))
                    .Concat(cases.Where(c => c.State == Domain.Accountability.AccountabilityState.Opened && c.OwnerId == me.Id).Select(c => c.Id))
                    .Concat(ownReviews)
                    .Concat(expiring.Where(d => d.OwnerId == me.Id).Select(d => d.Id)),
                "head1" => evaluations.Where(e => e.DepartmentId == d1 && (e.State == EvaluationState.Submitted || (e.State == EvaluationState.Draft && e.OwnerId == me.Id))).Select(e => e.Id)
                    .Concat(warnings.Where(w => w.DepartmentId == d1).Select(w => w.Id))
                    .Concat(complaints.Where(c => c.DepartmentId == d1 && c.State != Domain.Complaints.ComplaintState.Investigated).Select(c => c.Id))
                    .Concat(cases.Where(c => c.DepartmentId == d1 && c.State is Domain.Accountability.AccountabilityState.Opened or Domain.Accountability.AccountabilityState.Decided)
                        .Select(c => c.Id))
                    .Concat(reviews.Where(r => r.DepartmentId == d1 && !r.Draft && (!r.LeaderRequired || !r.Mine)).Select(r => r.Id).Union(ownReviews))
                    .Concat(expiring.Where(d => d.DepartmentId == d1).Select(d => d.Id)),
                _ => evaluations.Where(e => e.State == EvaluationState.Reviewed || (e.State == EvaluationState.Submitted && e.EscalatedAt != null)).Select(e => e.Id)
                    .Concat(warnings.Where(w => w.EscalatedAt != null).Select(w => w.Id))
                    .Concat(complaints.Where(c => c.State == Domain.Complaints.ComplaintState.Investigated || c.EscalatedAt != null).Select(c => c.Id))
                    .Concat(cases.Where(c => c.State is Domain.Accountability.AccountabilityState.ReportSubmitted or Domain.Accountability.AccountabilityState.UnderReview
                        || c.EscalatedAt != null).Select(c => c.Id))
                    .Concat(reviews.Where(r => !r.Draft && (r.LeaderRequired || r.Escalated)).Select(r => r.Id).Union(ownReviews))
                    .Concat(waitingRequests),
            };
            return ids.Concat(reportIds).Select(i => i.ToString()).Order(StringComparer.Ordinal).ToList();
        });

        var page = await user.GetPageAsync("/Todo");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.QuerySelectorAll("#todo-table tbody tr").Select(r => r.GetAttribute("data-id")!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#todo-count")!.GetAttribute("data-count"));
    }

    [Fact]
    public async Task A_leader_sets_the_evaluation_due_days_a_value_out_of_range_is_refused_next_to_its_field_and_a_head_is_refused_the_page()
    {
        var leader = await SignedInAsync("leader");

        using (var refused = await leader.SubmitAsync("/Settings/Workflows", "#workflow-settings-form",
                   new Dictionary<string, string?> { ["Input.EvaluationStepDueDays"] = "0", ["Input.PauseNeedsNewEvaluationDays"] = "200" }))
        {
            var page = await CrmClient.ParseAsync(refused);
            Assert.Contains("1 到 3650", page.QuerySelector("[data-valmsg-for='Input.EvaluationStepDueDays']")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("200", page.QuerySelector("input[name='Input.PauseNeedsNewEvaluationDays']")!.GetAttribute("value"));
        }

        using (var saved = await leader.SubmitAsync("/Settings/Workflows", "#workflow-settings-form",
                   new Dictionary<string, string?> { ["Input.EvaluationStepDueDays"] = "5", ["Input.PauseNeedsNewEvaluationDays"] = "200" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal((5, 200), await App.WithDbAsync(db => db.WorkflowSettings.Select(s => new ValueTuple<int, int>(s.EvaluationStepDueDays, s.PauseNeedsNewEvaluationDays)).SingleAsync()));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "WorkflowSettings")));
        var head = await SignedInAsync("head1");
        using var forbidden = await head.GetAsync("/Settings/Workflows");
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }

    private async Task<int> EscalateAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowEscalation>().RunAsync(CancellationToken.None);
    }

    private Task<Guid> ProspectOfAsync(string userName) => App.WithDbAsync(db => db.Clients
        .Where(c => c.Status == ClientStatus.Prospect && c.OwnerId == db.Users.First(u => u.UserName == userName).Id
                    && !db.ClientEvaluations.Any(e => e.ClientId == c.Id))
        .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());

    private Task<EvaluationState> StateAsync(Guid id) => App.WithDbAsync(db => db.ClientEvaluations.Where(e => e.Id == id).Select(e => e.State).SingleAsync());

    private Task<uint> VersionAsync(Guid id) => App.WithDbAsync(db => db.ClientEvaluations.Where(e => e.Id == id).Select(e => e.Version).SingleAsync());

    private Task<ClientStatus> ClientStatusAsync(Guid id) => App.WithDbAsync(db => db.Clients.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    private Task<List<(string User, NotificationKind Kind)>> NotifiedAsync(Guid id) =>
        App.WithDbAsync(async db => (await db.Notifications.Where(n => n.SubjectId == id)
                .Select(n => new { User = db.Users.Where(u => u.Id == n.RecipientId).Select(u => u.UserName).First(), n.Kind })
                .ToListAsync())
            .Select(n => (n.User!, n.Kind)).OrderBy(n => n.Item1, StringComparer.Ordinal).ToList());
}
