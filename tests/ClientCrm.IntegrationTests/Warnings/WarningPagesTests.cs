using System.Net;
using AngleSharp.Html.Dom;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Warnings;

/// <summary>
/// SPEC §7 on the pages: a warning's detail page and its workflow (department heads and leaders review, anyone in scope
/// writes the report and notes), filing a warning by hand, and the client's warning column.
/// </summary>
public sealed class WarningPagesTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_department_head_acknowledges_a_warning_with_actions_and_it_lands_on_the_timeline_and_in_the_audit_log()
    {
        var (_, warningId) = await WageArrearsWarningAsync("Acknowledged Arrears LLC");
        var head = await SignedInAsync("head1");

        using var response = await head.SubmitAsync($"/Warnings/{warningId}", "#acknowledge-form",
            Values(("Step.Actions", "陈静本周内约谈雇主，核实欠薪人数并督促补发")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Warnings/{warningId}", response.Headers.Location!.OriginalString);
        var warning = await WarningAsync(warningId);
        Assert.Equal((WarningState.Acknowledged, "陈静本周内约谈雇主，核实欠薪人数并督促补发"), (warning.State, warning.Actions));
        Assert.NotNull(warning.AcknowledgedAt);

        var page = await head.GetPageAsync($"/Warnings/{warningId}");
        Assert.Equal("Acknowledged", page.QuerySelector("#warning-state")!.GetAttribute("data-state"));
        Assert.Contains("督促补发", page.QuerySelector("#warning-actions")!.TextContent, StringComparison.Ordinal);
        var lines = page.QuerySelectorAll("#warning-timeline li");
        Assert.Equal(["Raised", "Acknowledged"], lines.Select(l => l.GetAttribute("data-event-kind")));
        Assert.Contains("系统", lines[0].QuerySelector(".event-actor")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("一部经理 张伟", lines[1].QuerySelector(".event-actor")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("督促补发", lines[1].TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#acknowledge-form")); // done once
        Assert.NotNull(page.QuerySelector("#investigate-form"));
        Assert.Null(page.QuerySelector("#resolve-form")); // the wages are still unpaid: the warning cannot be closed yet
        Assert.NotNull(page.QuerySelector("#condition-holds"));

        var audit = await App.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityType == "Warning" && a.EntityId == warningId.ToString() && a.Action == AuditAction.Updated).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("head1", entry.UserName);
        Assert.Contains("\"Acknowledged\"", entry.ChangesJson, StringComparison.Ordinal);
        Assert.Contains("督促补发", entry.ChangesJson, StringComparison.Ordinal);

        // The owner carries out the actions: the review table tells them, through the outbox; the head is not told of
        // their own step.
        await App.DrainOutboxAsync();
        var told = await NotifiedAsync(warningId);
        Assert.Contains(("staff1a", NotificationKind.WarningAcknowledged), told);
        Assert.DoesNotContain(told, t => t.User == "head1" && t.Kind == NotificationKind.WarningAcknowledged);
    }

    [Fact]
    public async Task Staff_are_not_offered_the_review_steps_and_a_direct_acknowledge_post_is_refused_and_changes_nothing()
    {
        var (_, warningId) = await WageArrearsWarningAsync("Staff Cannot Review SA");
        var staff = await SignedInAsync("staff1a");
        var page = await staff.GetPageAsync($"/Warnings/{warningId}");
        Assert.Null(page.QuerySelector("#acknowledge-form"));
        Assert.Null(page.QuerySelector("#dismiss-form"));
        Assert.NotNull(page.QuerySelector("#reviewers-decide"));
        Assert.NotNull(page.QuerySelector("#report-form")); // staff may still write the report and notes
        Assert.NotNull(page.QuerySelector("#note-form"));
        var version = page.QuerySelector("#report-form input[name='Step.Version']")!.GetAttribute("value");

        using var response = await staff.PostDirectAsync($"/Warnings/{warningId}?handler=Acknowledge",
            Values(("Step.Actions", "我自己审核"), ("Step.Version", version)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CrmClient.ParseAsync(response);
        Assert.Contains("只有部门负责人和公司领导", refused.QuerySelector("#warning-errors")!.TextContent, StringComparison.Ordinal);
        var warning = await WarningAsync(warningId);
        Assert.Equal((WarningState.Open, null, 1), (warning.State, warning.Actions, warning.Events.Count));
        using var dismiss = await staff.PostDirectAsync($"/Warnings/{warningId}?handler=Dismiss",
            Values(("Step.DismissReason", "误报"), ("Step.Version", version)));
        Assert.Equal(HttpStatusCode.OK, dismiss.StatusCode);
        Assert.Equal(WarningState.Open, (await WarningAsync(warningId)).State);
    }

    [Fact]
    public async Task A_warning_of_another_department_is_not_found_for_a_department_head_to_read_or_to_act_on()
    {
        var (_, warningId) = await WageArrearsWarningAsync("Other Department Arrears", owner: "staff2a");
        var head = await SignedInAsync("head1");

        using var get = await head.GetAsync($"/Warnings/{warningId}");
        using var acknowledge = await head.PostDirectAsync($"/Warnings/{warningId}?handler=Acknowledge", Values(("Step.Actions", "越权审核")));
        using var note = await head.PostDirectAsync($"/Warnings/{warningId}?handler=Note", Values(("Step.Note", "越权备注")));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, acknowledge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, note.StatusCode);
        var warning = await WarningAsync(warningId);
        Assert.Equal((WarningState.Open, 1), (warning.State, warning.Events.Count));
        var list = await head.GetPageAsync("/Warnings?state=all");
        Assert.Null(list.QuerySelector($"tr[data-warning-id='{warningId}']"));
    }

    [Fact]
    public async Task Staff_file_a_warning_by_hand_it_shows_in_the_warning_column_and_the_list_and_the_department_head_is_told()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Relocating Steel Works", c => c);
        var staff = await SignedInAsync("staff1a");
        var clientPage = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.NotNull(clientPage.QuerySelector("#warning-column-empty"));
        Assert.Equal($"/Clients/{clientId}/Warnings/File", clientPage.QuerySelector("#file-warning")!.GetAttribute("href"));

        using var response = await staff.SubmitAsync($"/Clients/{clientId}/Warnings/File", "#file-warning-form", Values(
            ("Input.Family", "MajorChange"), ("Input.Summary", "雇主计划明年迁厂至越南"),
            ("Input.Report", "据雇主人事经理透露，工厂计划明年迁往越南。\n来源：4月拜访。\n\n建议暂缓新批次招聘。<script>alert(1)</script>")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Warnings/", location, StringComparison.Ordinal);
        var warningId = Guid.Parse(location["/Warnings/".Length..]);
        var warning = await WarningAsync(warningId);
        Assert.Equal((clientId, WarningFamily.MajorChange, (WarningRule?)null, WarningSeverity.Normal, WarningState.Open, "一部业务员 陈静"),
            (warning.ClientId, warning.Family, warning.Rule, warning.Severity, warning.State, warning.RaisedByName));

        var detail = await staff.GetPageAsync(location);
        Assert.Equal("雇主计划明年迁厂至越南", detail.QuerySelector("#warning-title")!.TextContent.Trim());
        Assert.Equal("人工填报", detail.QuerySelector("#warning-origin")!.TextContent.Trim());
        var paragraphs = detail.QuerySelectorAll("#warning-report p");
        Assert.Equal(2, paragraphs.Length);
        Assert.Single(paragraphs[0].QuerySelectorAll("br"));
        Assert.Empty(detail.QuerySelectorAll("#warning-report script"));
        Assert.Contains("<script>alert(1)</script>", paragraphs[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(["Filed"], detail.QuerySelectorAll("#warning-timeline li").Select(l => l.GetAttribute("data-event-kind")));

        clientPage = await staff.GetPageAsync($"/Clients/{clientId}");
        var item = clientPage.QuerySelector($"#warning-column .warning-item[data-warning-id='{warningId}']");
        Assert.NotNull(item);
        Assert.Equal("雇主计划明年迁厂至越南", item.QuerySelector("a.warning-link")!.TextContent.Trim());
        Assert.Equal($"/Warnings/{warningId}", item.QuerySelector("a.warning-link")!.GetAttribute("href"));
        var listRow = (await staff.GetPageAsync("/Clients?q=Relocating+Steel")).QuerySelector($"tr[data-client-id='{clientId}'] .client-warnings");
        Assert.Contains("雇主计划明年迁厂至越南", listRow!.TextContent, StringComparison.Ordinal);
        var warnings = await staff.GetPageAsync("/Warnings");
        Assert.NotNull(warnings.QuerySelector($"tr[data-warning-id='{warningId}']"));

        // Who is told is the outbox's work after the save.
        await App.DrainOutboxAsync();
        var told = await NotifiedAsync(warningId);
        Assert.Equal([("head1", NotificationKind.WarningToReview)], told);
    }

    [Fact]
    public async Task An_abnormal_warning_filed_by_hand_is_high_and_the_leaders_are_told_at_once()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Tense Site Garments", c => c);
        var staff = await SignedInAsync("staff1a");

        using var response = await staff.SubmitAsync($"/Clients/{clientId}/Warnings/File", "#file-warning-form", Values(
            ("Input.Family", "Abnormal"), ("Input.Summary", "工人与雇主关系紧张，有罢工苗头"), ("Input.Report", null)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var warningId = Guid.Parse(response.Headers.Location!.OriginalString["/Warnings/".Length..]);
        Assert.Equal(WarningSeverity.High, (await WarningAsync(warningId)).Severity);
        await App.DrainOutboxAsync();
        Assert.Equal([("head1", NotificationKind.WarningToReview), ("leader", NotificationKind.HighWarning)], await NotifiedAsync(warningId));
    }

    [Fact]
    public async Task Filing_without_a_summary_keeps_the_typed_report_and_names_the_summary_as_missing()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Summaryless Filing Co", c => c);
        var staff = await SignedInAsync("staff1a");

        using var response = await staff.SubmitAsync($"/Clients/{clientId}/Warnings/File", "#file-warning-form", Values(
            ("Input.Family", "Churn"), ("Input.Summary", "  "), ("Input.Report", "客户开始与另一家外派公司接触。")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("请填写预警摘要。", HtmlAssert.FieldError(page, "Input.Summary"));
        Assert.Equal("客户开始与另一家外派公司接触。", HtmlAssert.FieldValue(page, "Input.Report"));
        Assert.Equal("Churn", HtmlAssert.FieldValue(page, "Input.Family"));
        Assert.Empty(await WarningArrange.WarningsAsync(App, clientId));
    }

    [Fact]
    public async Task Resolving_needs_both_cause_and_measures_each_named_next_to_its_field_and_typed_text_is_kept()
    {
        var (clientId, warningId) = await WageArrearsWarningAsync("Resolve Needs Both Ltd");
        await StepAsync(warningId, (w, head, now) => w.Acknowledge(head, "核实欠薪", now));
        // The wages were paid: the incident is resolved, so the warning may be closed.
        await WarningDataArrange.ResolveIncidentsAsync(App, clientId, IncidentType.WageArrears);
        var head = await SignedInAsync("head1");

        using var empty = await head.SubmitAsync($"/Warnings/{warningId}", "#resolve-form", Values(("Step.Cause", ""), ("Step.Measures", "")));
        var page = await CrmClient.ParseAsync(empty);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("请填写原因。", HtmlAssert.FieldError(page, "Step.Cause"));
        Assert.Equal("请填写采取的措施。", HtmlAssert.FieldError(page, "Step.Measures"));

        using var causeOnly = await head.SubmitAsync($"/Warnings/{warningId}", "#resolve-form", Values(("Step.Cause", "雇主资金周转困难")));
        page = await CrmClient.ParseAsync(causeOnly);
        Assert.Equal("", HtmlAssert.FieldError(page, "Step.Cause"));
        Assert.Equal("请填写采取的措施。", HtmlAssert.FieldError(page, "Step.Measures"));
        Assert.Equal("雇主资金周转困难", HtmlAssert.FieldValue(page, "Step.Cause"));
        Assert.Equal(WarningState.Acknowledged, (await WarningAsync(warningId)).State);

        using var both = await head.SubmitAsync(page, $"/Warnings/{warningId}", "#resolve-form", Values(("Step.Measures", "经使馆经商处协调，工资已全部补发")));
        Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        var warning = await WarningAsync(warningId);
        Assert.Equal((WarningState.Resolved, "雇主资金周转困难", "经使馆经商处协调，工资已全部补发"), (warning.State, warning.Cause, warning.Measures));
        var closed = await head.GetPageAsync($"/Warnings/{warningId}");
        Assert.Contains("工资已全部补发", closed.QuerySelector("#warning-measures")!.TextContent, StringComparison.Ordinal);
        Assert.Null(closed.QuerySelector("#resolve-form"));
        Assert.Null(closed.QuerySelector("#report-form")); // closed: the report is final
        Assert.NotNull(closed.QuerySelector("#note-form"));
    }

    [Fact]
    public async Task Dismissing_needs_a_reason_and_then_closes_the_warning()
    {
        var (clientId, warningId) = await WageArrearsWarningAsync("Dismiss Needs Reason FZE");
        // The incident was entered on the wrong client; correcting it is what makes the warning dismissable.
        await WarningDataArrange.ResolveIncidentsAsync(App, clientId, IncidentType.WageArrears);
        var head = await SignedInAsync("head1");

        using var refused = await head.SubmitAsync($"/Warnings/{warningId}", "#dismiss-form", Values(("Step.DismissReason", "")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("请填写撤销理由。", HtmlAssert.FieldError(await CrmClient.ParseAsync(refused), "Step.DismissReason"));
        Assert.Equal(WarningState.Open, (await WarningAsync(warningId)).State);

        using var dismissed = await head.SubmitAsync($"/Warnings/{warningId}", "#dismiss-form", Values(("Step.DismissReason", "事件录入错误，实为其他客户")));
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        var warning = await WarningAsync(warningId);
        Assert.Equal((WarningState.Dismissed, "事件录入错误，实为其他客户"), (warning.State, warning.DismissReason));
        Assert.NotNull(warning.ClosedAt);
        var page = await head.GetPageAsync($"/Warnings/{warningId}");
        Assert.Contains("实为其他客户", page.QuerySelector("#warning-dismiss-reason")!.TextContent, StringComparison.Ordinal);

        await App.DrainOutboxAsync();
        Assert.Equal([("staff1a", NotificationKind.WarningClosed)],
            (await NotifiedAsync(warningId)).Where(t => t.Kind == NotificationKind.WarningClosed));
    }

    [Fact]
    public async Task A_closed_warning_leaves_the_warning_column_and_the_open_list_but_stays_among_all_warnings_of_the_client()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Column Closing Co", c => c);
        var warningId = await FiledAsync(clientId, WarningFamily.Churn, "客户减少招聘计划", daysAgo: 1);
        var staff = await SignedInAsync("staff1a");
        Assert.NotNull((await staff.GetPageAsync($"/Clients/{clientId}")).QuerySelector($"#warning-column [data-warning-id='{warningId}']"));

        await StepAsync(warningId, (w, head, now) => w.Dismiss(head, "已核实，客户仅调整时间", [], now));

        var clientPage = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.Null(clientPage.QuerySelector($"[data-warning-id='{warningId}']"));
        Assert.NotNull(clientPage.QuerySelector("#warning-column-empty"));
        var listCell = (await staff.GetPageAsync("/Clients?q=Column+Closing")).QuerySelector($"tr[data-client-id='{clientId}'] .client-warnings");
        Assert.Equal("", listCell!.TextContent.Trim());
        Assert.Null((await staff.GetPageAsync("/Warnings")).QuerySelector($"tr[data-warning-id='{warningId}']"));
        var allOfClient = clientPage.QuerySelector("#all-client-warnings")!.GetAttribute("href")!;
        var all = await staff.GetPageAsync(allOfClient);
        var row = all.QuerySelector($"tr[data-warning-id='{warningId}']");
        Assert.Equal("Dismissed", row!.QuerySelector(".warning-state")!.GetAttribute("data-state"));
        var rows = all.QuerySelectorAll("#warning-table tr[data-warning-id]");
        Assert.Contains(rows, r => r.GetAttribute("data-warning-id") == warningId.ToString());
        Assert.All(rows, r => Assert.Equal(clientId.ToString(), r.GetAttribute("data-client-id")));
    }

    [Fact]
    public async Task Anyone_in_scope_writes_the_report_and_adds_notes_and_a_head_starts_the_investigation()
    {
        var (_, warningId) = await WageArrearsWarningAsync("Report Writers Trading");
        var staff = await SignedInAsync("staff1a");

        using var report = await staff.SubmitAsync($"/Warnings/{warningId}", "#report-form", Values(("Step.Report", "三号工地12名工人两个月未发工资。\n\n已报告使馆。")));
        Assert.Equal(HttpStatusCode.Redirect, report.StatusCode);
        using var noNote = await staff.SubmitAsync($"/Warnings/{warningId}", "#note-form", Values(("Step.Note", "")));
        Assert.Equal("请填写备注内容。", HtmlAssert.FieldError(await CrmClient.ParseAsync(noNote), "Step.Note"));
        using var note = await staff.SubmitAsync($"/Warnings/{warningId}", "#note-form", Values(("Step.Note", "雇主答应月底前补发")));
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);

        await StepAsync(warningId, (w, head, now) => w.Acknowledge(head, "跟进补发", now));
        var head = await SignedInAsync("head1");
        using var investigate = await head.SubmitAsync($"/Warnings/{warningId}", "#investigate-form", Values(("Step.InvestigationNote", "派人赴现场")));
        Assert.Equal(HttpStatusCode.Redirect, investigate.StatusCode);

        var page = await staff.GetPageAsync($"/Warnings/{warningId}");
        Assert.Equal(2, page.QuerySelectorAll("#warning-report p").Length);
        Assert.Equal("三号工地12名工人两个月未发工资。\n\n已报告使馆。", HtmlAssert.FieldValue(page, "Step.Report"));
        Assert.Equal(["Raised", "ReportWritten", "NoteAdded", "Acknowledged", "InvestigationStarted"],
            page.QuerySelectorAll("#warning-timeline li").Select(l => l.GetAttribute("data-event-kind")));
        Assert.Contains("一部业务员 陈静", page.QuerySelector("#warning-timeline li[data-event-kind='NoteAdded']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Investigating", page.QuerySelector("#warning-state")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task The_timeline_shows_refreshed_figures_by_name_and_the_evidence_table_the_current_ones()
    {
        var (clientId, warningId) = await WageArrearsWarningAsync("Refreshed Figures Co");
        await WarningArrange.IncidentAsync(App, clientId, IncidentType.WageArrears, daysAgo: 1, workers: 6);
        await WarningArrange.RunEngineAsync(App);
        var staff = await SignedInAsync("staff1a");

        var page = await staff.GetPageAsync($"/Warnings/{warningId}");

        var refreshed = page.QuerySelector("#warning-timeline li[data-event-kind='EvidenceRefreshed'] .event-figures")!.TextContent;
        Assert.Contains("未结欠薪事件: 2", refreshed, StringComparison.Ordinal);
        Assert.Contains("被欠薪人数: 20", refreshed, StringComparison.Ordinal);
        Assert.DoesNotContain("{", refreshed, StringComparison.Ordinal);
        Assert.Equal("2", page.QuerySelector("#warning-evidence tr[data-figure='OpenWageArrearsIncidents'] .figure-value")!.TextContent.Trim());
        Assert.Equal("拖欠劳务人员工资", page.QuerySelector("#warning-title")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_step_on_a_warning_someone_changed_since_the_page_was_opened_is_refused_and_the_typed_text_kept()
    {
        var (_, warningId) = await WageArrearsWarningAsync("Concurrent Review Co");
        var head = await SignedInAsync("head1");
        var stale = await head.GetPageAsync($"/Warnings/{warningId}");
        await StepAsync(warningId, (w, leader, now) => w.AddNote(leader, "领导已电话询问", now));

        using var response = await head.SubmitAsync(stale, $"/Warnings/{warningId}", "#acknowledge-form", Values(("Step.Actions", "约谈雇主")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("预警已被他人更新，请刷新后重试", page.QuerySelector("#warning-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("约谈雇主", HtmlAssert.FieldValue(page, "Step.Actions"));
        Assert.Equal(WarningState.Open, (await WarningAsync(warningId)).State);
        Assert.NotNull(page.QuerySelector("#warning-timeline li[data-event-kind='NoteAdded']")); // now shows the other change

        using var again = await head.SubmitAsync(page, $"/Warnings/{warningId}", "#acknowledge-form");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(("约谈雇主", WarningState.Acknowledged), ((await WarningAsync(warningId)).Actions, (await WarningAsync(warningId)).State));
    }

    private async Task<(Guid ClientId, Guid WarningId)> WageArrearsWarningAsync(string name, string owner = "staff1a")
    {
        var clientId = await GradingArrange.RegularClientAsync(App, owner, name);
        await WarningArrange.IncidentAsync(App, clientId, IncidentType.WageArrears, daysAgo: 5, workers: 14);
        await WarningArrange.RunEngineAsync(App);
        return (clientId, await WarningArrange.OpenWarningAsync(App, clientId, WarningRule.WageArrears));
    }

    private Task<Guid> FiledAsync(Guid clientId, WarningFamily family, string summary, int daysAgo) =>
        WarningPageArrange.FiledAsync(App, clientId, family, summary, daysAgo);

    private Task StepAsync(Guid warningId, Action<Warning, WarningActor, DateTimeOffset> step) => WarningPageArrange.StepAsync(App, warningId, step);

    private Task<Warning> WarningAsync(Guid id) =>
        App.WithDbAsync(db => db.Warnings.Include(w => w.Events).AsNoTracking().SingleAsync(w => w.Id == id));

    /// <summary>Who was told about the warning, and why, by user name.</summary>
    private Task<List<(string User, NotificationKind Kind)>> NotifiedAsync(Guid warningId) =>
        App.WithDbAsync(async db => (await db.Notifications.Where(n => n.SubjectId == warningId)
                .Select(n => new { User = db.Users.Where(u => u.Id == n.RecipientId).Select(u => u.UserName).First(), n.Kind })
                .ToListAsync())
            .Select(n => (n.User!, n.Kind)).OrderBy(n => n.Item1, StringComparer.Ordinal).ToList());

    private static Dictionary<string, string?> Values(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}

/// <summary>Warnings put in place through the domain, as the system, for the page tests.</summary>
internal static class WarningPageArrange
{
    /// <summary>A warning filed by hand by the client's owner <paramref name="daysAgo"/> days ago.</summary>
    public static Task<Guid> FiledAsync(CrmAppFactory app, Guid clientId, WarningFamily family, string summary, int daysAgo) =>
        app.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            var owner = await db.Users.SingleAsync(u => u.Id == client.OwnerId);
            var warning = Warning.File(client, family, summary, null, new WarningActor(owner.Id, owner.DisplayName, false, false),
                DateTimeOffset.UtcNow.AddDays(-daysAgo));
            db.Warnings.Add(warning);
            await db.SaveChangesAsync();
            return warning.Id;
        });

    /// <summary>A workflow step taken by the leader, straight through the domain.</summary>
    public static Task StepAsync(CrmAppFactory app, Guid warningId, Action<Warning, WarningActor, DateTimeOffset> step) =>
        app.WithDbAsync(async db =>
        {
            var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
            var warning = await db.Warnings.SingleAsync(w => w.Id == warningId);
            step(warning, new WarningActor(leader.Id, leader.DisplayName, IsLeader: true, IsDepartmentHead: false), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
}
