using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Web;
using ClientCrm.Web.Localization;
using ClientCrm.Web.Pages.Audit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ClientCrm.IntegrationTests.Audit;

/// <summary>
/// The audit log as a Chinese leader reads it (issue 10, point 4): fields and values in the UI language, people by display
/// name, clients and projects by name with links, times on the company's clock; filters by client, person, kind of record
/// and period, paged; and a bad filter value answered with the page and a message, never an error.
/// </summary>
public sealed partial class AuditLogPageTests(PostgresFixture postgres) : AppTest(postgres)
{
    /// <summary>01:30 on 2 December in Beijing, still 1 December in UTC: a day boundary the server's zone would get wrong.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 17, 30, 0, TimeSpan.Zero);

    private readonly AdjustableClock _clock = new(Now);

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task A_card_edit_names_the_fields_as_the_form_does_and_shows_who_and_when_on_the_company_clock()
    {
        var staff = await SignedInAsync("staff1a");
        var id = await RegisterAsync(staff, "Label Check Trading");
        _clock.Advance(TimeSpan.FromMinutes(5));
        using (var edited = await staff.SubmitAsync($"/Clients/{id}/Edit", "#client-form", new Dictionary<string, string?>
               {
                   ["Input.EmployeeCount"] = "250",
                   ["Input.OperatingStatus"] = "Stable",
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        var leader = await SignedInAsync("leader");
        var page = await leader.GetPageAsync($"/Audit?clientId={id}");
        var update = UpdateRow(page, "EmployeeCount");
        Assert.Equal("企业规模（员工人数）", Field(update, "EmployeeCount"));
        Assert.Equal(("—", "250"), Values(update, "EmployeeCount"));
        Assert.Equal("生产经营状况", Field(update, "OperatingStatus"));
        Assert.Equal(("良好", "稳定"), Values(update, "OperatingStatus"));
        Assert.Equal("最近更新", Field(update, "UpdatedAt"));
        Assert.Equal(("2026-12-02 01:30", "2026-12-02 01:35"), Values(update, "UpdatedAt"));
        Assert.Equal("2026-12-02 01:35:00", update.QuerySelector(".audit-at")!.TextContent.Trim());
        Assert.Equal("一部业务员 陈静", update.QuerySelector(".audit-actor")!.TextContent.Trim());
        Assert.Equal("修改", update.QuerySelector(".audit-action")!.TextContent.Trim());

        var table = page.QuerySelector("#audit-table")!.TextContent;
        foreach (var raw in new[] { "EmployeeCount", "OperatingStatus", "UpdatedAt", "Stable", "staff1a", "+00:00", "T17:30" })
        {
            Assert.DoesNotContain(raw, table, StringComparison.Ordinal);
        }

        await SwitchToEnglishAsync(leader);
        var english = UpdateRow(await leader.GetPageAsync($"/Audit?clientId={id}"), "EmployeeCount");
        Assert.Equal("Company size (employees)", Field(english, "EmployeeCount"));
        Assert.Equal(("Good", "Stable"), Values(english, "OperatingStatus"));
        Assert.Equal("Last updated", Field(english, "UpdatedAt"));
        Assert.Equal("Updated", english.QuerySelector(".audit-action")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_first_page_just_viewed_shows_a_change_saved_after_it_under_every_filter()
    {
        var staff = await SignedInAsync("staff1a");
        var id = await RegisterAsync(staff, "Kept Page Logistics");
        var leader = await SignedInAsync("leader");
        string[] urls = [$"/Audit?clientId={id}", "/Audit?client=Kept%20Page", "/Audit?client=Kept%20Page&entity=Client&user=staff1a"];
        foreach (var url in urls)
        {
            // Viewed twice: the second view is answered from the kept first page.
            Assert.Empty(FieldRows(await leader.GetPageAsync(url), "EmployeeCount"));
            Assert.Empty(FieldRows(await leader.GetPageAsync(url), "EmployeeCount"));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        using (var edited = await staff.SubmitAsync($"/Clients/{id}/Edit", "#client-form", new Dictionary<string, string?>
               {
                   ["Input.EmployeeCount"] = "321",
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        foreach (var url in urls)
        {
            var row = Assert.Single(FieldRows(await leader.GetPageAsync(url), "EmployeeCount"));
            Assert.Equal(("—", "321"), Values(row, "EmployeeCount"));
        }

        // A change that no client list shows (warning thresholds) moves the log's kept pages all the same.
        const string Settings = "/Audit?entity=WarningSettings";
        Assert.Empty(FieldRows(await leader.GetPageAsync(Settings), "LaborDisputesMin"));
        Assert.Empty(FieldRows(await leader.GetPageAsync(Settings), "LaborDisputesMin"));
        using (var saved = await leader.SubmitAsync("/Settings/Warnings", "#warning-settings-form", new Dictionary<string, string?>
               {
                   ["Input.LaborDisputesMin"] = "4",
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Single(FieldRows(await leader.GetPageAsync(Settings), "LaborDisputesMin"));
    }

    [Fact]
    public async Task A_status_change_shows_the_status_names_and_a_grade_change_names_the_responsible_leader()
    {
        var staff = await SignedInAsync("staff1a");
        var id = await RegisterAsync(staff, "Status Names Marine");
        await ChangeStatusAsync(staff, id, "UnderEvaluation");
        var leader = await SignedInAsync("leader");
        await ChangeStatusAsync(leader, id, "Active");

        var page = await leader.GetPageAsync($"/Audit?clientId={id}");
        var statusLines = page.QuerySelectorAll("#audit-table li[data-field='Status']").Select(li => li.TextContent).ToList();
        Assert.Contains(statusLines, t => t.Contains("评估中", StringComparison.Ordinal) && t.Contains("合作中（进入操作程序）", StringComparison.Ordinal));
        Assert.Contains(statusLines, t => t.Contains("潜在/洽谈中", StringComparison.Ordinal) && t.Contains("评估中", StringComparison.Ordinal));
        var fieldNames = page.QuerySelectorAll("#audit-table li[data-field='Status'] .audit-field");
        Assert.Equal(statusLines.Count, fieldNames.Length); // one name per status line
        Assert.All(fieldNames, f => Assert.Equal("客户状态", f.TextContent.Trim()));
        Assert.DoesNotContain("UnderEvaluation", page.QuerySelector("#audit-table")!.TextContent, StringComparison.Ordinal);

        var graded = await GradingArrange.RegularClientAsync(App, "staff1a", "Grade Leader Holdings");
        using (var done = await leader.SubmitAsync($"/Clients/{graded}", "#grade-form",
                   new Dictionary<string, string?> { ["GradeTo"] = "A", ["GradeReason"] = "战略客户" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        var log = await leader.GetPageAsync($"/Audit?clientId={graded}");
        var gradeRow = UpdateRow(log, "ResponsibleLeaderId");
        Assert.Equal("负责领导", Field(gradeRow, "ResponsibleLeaderId"));
        Assert.Equal(("—", "公司领导 李强"), Values(gradeRow, "ResponsibleLeaderId"));
        Assert.Equal("客户分类", Field(gradeRow, "Grade"));
        Assert.Equal(("C 潜在客户", "A 重点客户"), Values(gradeRow, "Grade"));
        Assert.Equal("公司领导 李强", gradeRow.QuerySelector(".audit-actor")!.TextContent.Trim());
        Assert.False(AnyGuid().IsMatch(log.QuerySelector("#audit-table")!.TextContent), "a GUID is shown in the log");

        await SwitchToEnglishAsync(leader);
        var english = await leader.GetPageAsync($"/Audit?clientId={id}");
        Assert.Contains(english.QuerySelectorAll("#audit-table li[data-field='Status']"),
            li => li.TextContent.Contains("Under evaluation", StringComparison.Ordinal) && li.TextContent.Contains("Active", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_line_about_a_client_names_it_with_a_link_and_a_project_line_links_to_the_project()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Linked Client Foods");
        var projectId = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == id).Select(p => p.Id).FirstAsync());
        var leader = await SignedInAsync("leader");

        var page = await leader.GetPageAsync($"/Audit?clientId={id}");
        var rows = page.QuerySelectorAll("#audit-table tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            var link = r.QuerySelector(".audit-client a")!;
            Assert.Equal("Linked Client Foods", link.TextContent.Trim());
            Assert.Equal($"/Clients/{id}", link.GetAttribute("href"));
        });
        Assert.Equal("Linked Client Foods", page.QuerySelector("#audit-client-name")!.TextContent.Trim('—', ' '));

        var client = await leader.GetPageAsync($"/Clients/{id}");
        Assert.Contains("Linked Client Foods", client.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var projectRow = rows.First(r => r.GetAttribute("data-entity") == "CooperationProject" && r.QuerySelector(".audit-record a")?.GetAttribute("href") == $"/Clients/{id}/Projects/{projectId}");
        Assert.Equal("合作项目", projectRow.QuerySelector(".audit-record")!.ChildNodes.First().TextContent.Trim());
        Assert.Equal("阿联酋", Values(projectRow, "WorkCountryCode").To);
        Assert.Equal("Linked Client Foods", Values(projectRow, "ClientId").To);
        await leader.GetPageAsync(projectRow.QuerySelector(".audit-record a")!.GetAttribute("href")!);
    }

    [Fact]
    public async Task Each_filter_narrows_the_log_and_a_period_is_a_range_of_company_days()
    {
        var staff1 = await SignedInAsync("staff1a");
        var alpha = await RegisterAsync(staff1, "Filter Alpha Shipping");
        var staff2 = await SignedInAsync("staff2a");
        var beta = await RegisterAsync(staff2, "Filter Beta Foods");
        var leader = await SignedInAsync("leader");
        using (var rate = await leader.SubmitAsync("/Settings/ExchangeRates", "#rate-form", new Dictionary<string, string?>
               {
                   ["Input.Currency"] = "GBP", ["Input.CnyPerUnit"] = "9.05", ["Input.EffectiveFrom"] = "2026-12-02",
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, rate.StatusCode);
        }

        var byId = await leader.GetPageAsync($"/Audit?clientId={alpha}");
        Assert.Equal(["Filter Alpha Shipping"], ClientNames(byId));

        var byName = await leader.GetPageAsync("/Audit?client=" + Uri.EscapeDataString("filter alpha"));
        Assert.Equal(["Filter Alpha Shipping"], ClientNames(byName));
        var match = Assert.Single(byName.QuerySelectorAll("#audit-client-matches a"));
        Assert.Contains($"clientId={alpha}", match.GetAttribute("href"), StringComparison.Ordinal);

        var both = await leader.GetPageAsync("/Audit?client=" + Uri.EscapeDataString("Filter "));
        Assert.Equal(["Filter Alpha Shipping", "Filter Beta Foods"], ClientNames(both).Order(StringComparer.Ordinal));

        var byUser = await leader.GetPageAsync("/Audit?user=staff2a");
        Assert.NotEmpty(Rows(byUser));
        Assert.All(Rows(byUser), r => Assert.Equal("二部业务员 赵磊", r.QuerySelector(".audit-actor")!.TextContent.Trim()));
        Assert.Equal("staff2a", ((AngleSharp.Html.Dom.IHtmlSelectElement)byUser.QuerySelector("#audit-user")!).Value);

        var bySystem = await leader.GetPageAsync("/Audit?user=system");
        Assert.NotEmpty(Rows(bySystem));
        Assert.All(Rows(bySystem), r => Assert.Equal("系统（自动运行）", r.QuerySelector(".audit-actor")!.TextContent.Trim()));

        var byType = await leader.GetPageAsync("/Audit?entity=ExchangeRate");
        Assert.All(Rows(byType), r => Assert.Equal("ExchangeRate", r.GetAttribute("data-entity")));
        var gbp = Assert.Single(Rows(byType), r => r.QuerySelector(".audit-actor")!.TextContent.Trim() == "公司领导 李强");
        Assert.Equal("9.05", Values(gbp, "CnyPerUnit").To);
        Assert.Equal("公司领导 李强", Values(gbp, "EnteredBy").To);

        var userAndType = await leader.GetPageAsync("/Audit?user=staff1a&entity=Principal");
        Assert.NotEmpty(Rows(userAndType));
        Assert.All(Rows(userAndType), r => Assert.Equal(("Principal", "一部业务员 陈静"),
            (r.GetAttribute("data-entity")!, r.QuerySelector(".audit-actor")!.TextContent.Trim())));

        // The registration happened at 01:30 on 2 December in Beijing (1 December in UTC).
        Assert.NotEmpty(Rows(await leader.GetPageAsync($"/Audit?clientId={beta}&from=2026-12-02&to=2026-12-02")));
        Assert.Empty(Rows(await leader.GetPageAsync($"/Audit?clientId={beta}&to=2026-12-01")));
        Assert.Empty(Rows(await leader.GetPageAsync($"/Audit?clientId={beta}&from=2026-12-03")));
        var total = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ClientId == beta));
        Assert.Equal(total, Rows(await leader.GetPageAsync($"/Audit?clientId={beta}&from=2026-12-01&to=2026-12-02")).Count);
    }

    [Fact]
    public async Task Paging_walks_the_filtered_log_newest_first_without_repeats_and_back()
    {
        var leader = await SignedInAsync("leader");
        var expected = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == "system")
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.True(expected.Count > 2 * IndexModel.PageSize, $"only {expected.Count} system lines to page through");

        var seen = new List<long>();
        var url = "/Audit?user=system";
        var first = await leader.GetPageAsync(url);
        var page = first;
        for (var n = 1; ; n++)
        {
            Assert.Equal(n == 1 ? "第 1 页" : $"第 {n} 页", page.QuerySelector("#page-number")!.TextContent.Trim());
            seen.AddRange(Rows(page).Select(r => long.Parse(r.GetAttribute("data-id")!, CultureInfo.InvariantCulture)));
            var next = page.QuerySelector("a#next-page")?.GetAttribute("href");
            if (next is null)
            {
                break;
            }

            Assert.Contains("user=system", next, StringComparison.Ordinal);
            page = await leader.GetPageAsync(next);
        }

        Assert.Equal(expected, seen);
        var back = await leader.GetPageAsync(page.QuerySelector("a#first-page")!.GetAttribute("href")!);
        Assert.Equal(Rows(first).Select(r => r.GetAttribute("data-id")), Rows(back).Select(r => r.GetAttribute("data-id")));
    }

    [Theory]
    [InlineData("/Audit?user=nobody-here", "#audit-user-error", "没有这个用户")]
    [InlineData("/Audit?entity=Spaceship", "#audit-entity-error", "没有这类对象")]
    [InlineData("/Audit?to=9999-12-31", "#audit-to-error", "2000-01-01 至 2099-12-31")]
    [InlineData("/Audit?from=garbage", "#audit-from-error", "年-月-日")]
    [InlineData("/Audit?from=2026-12-05&to=2026-12-01", "#audit-to-error", "截止日期不能早于起始日期")]
    [InlineData("/Audit?clientId=not-a-client", "#audit-client-error", "找不到该客户")]
    [InlineData("/Audit?client=Nobody%20Trades%20Like%20This", "#audit-client-error", "没有名称含")]
    public async Task A_filter_value_the_page_cannot_use_is_explained_next_to_its_field(string url, string errorId, string message)
    {
        var leader = await SignedInAsync("leader");
        var page = await leader.GetPageAsync(url);
        Assert.NotNull(page.QuerySelector("#audit-table"));
        Assert.Contains(message, page.QuerySelector(errorId)?.TextContent ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Audit?user=%00")]
    [InlineData("/Audit?user=staff1a%00")]
    [InlineData("/Audit?entity=%00")]
    [InlineData("/Audit?client=%00")]
    [InlineData("/Audit?client=Gulf%00Star")]
    [InlineData("/Audit?clientId=%00")]
    [InlineData("/Audit?from=%00&to=%00")]
    [InlineData("/Audit?to=9999-12-31&from=0001-01-01")]
    [InlineData("/Audit?from=2026-02-30")]
    [InlineData("/Audit?p=999999999")]
    [InlineData("/Audit?p=-5&after=garbage")]
    [InlineData("/Audit?p=99999999999999&before=%00")]
    public async Task Malformed_filter_values_give_the_normal_page_never_an_error(string url)
    {
        var leader = await SignedInAsync("leader");
        using var response = await leader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#audit-table"));
        Assert.NotNull(page.QuerySelector("#audit-filter"));
    }

    [Fact]
    public async Task An_over_long_filter_value_gives_the_normal_page()
    {
        var leader = await SignedInAsync("leader");
        foreach (var key in new[] { "client", "user", "entity", "from" })
        {
            var page = await leader.GetPageAsync($"/Audit?{key}=" + new string('x', 2000));
            Assert.NotNull(page.QuerySelector("#audit-table"));
        }
    }

    [Fact]
    public async Task English_messages_explain_a_bad_filter_value_in_English()
    {
        var leader = await SignedInAsync("leader");
        await SwitchToEnglishAsync(leader);
        var page = await leader.GetPageAsync("/Audit?to=9999-12-31&user=nobody-here");
        Assert.Contains("Enter a date between 2000-01-01 and 2099-12-31", page.QuerySelector("#audit-to-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("No such user", page.QuerySelector("#audit-user-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_audited_field_and_record_type_has_a_name_in_Chinese_and_English()
    {
        var types = await App.WithDbAsync(db => Task.FromResult(AuditDisplay.AuditedTypes(db.Model)));
        List<(string Entity, string Field)> fields = types.SelectMany(t => t.Value.GetProperties()
                .Where(p => !p.IsShadowProperty() && !p.IsConcurrencyToken && !p.IsPrimaryKey() && !FieldLabels.IsRepeat(t.Key, p.Name))
                .Select(p => (Entity: t.Key, Field: p.Name)))
            .Append(("CrmUser", "Role"))
            .ToList();
        Assert.Contains(("Client", "EmployeeCount"), fields);
        var l = App.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { "zh-CN", "en-US" })
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                Assert.Empty(fields.Where(f => !FieldLabels.HasLabel(l, f.Entity, f.Field)).Select(f => $"{culture}: {f.Entity}.{f.Field} has no label"));
                Assert.Empty(types.Keys.Where(t => l[$"Audit.Entity.{t}"].ResourceNotFound).Select(t => $"{culture}: Audit.Entity.{t} is missing"));
            }

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Empty(fields.Where(f => FieldLabels.Of(l, f.Entity, f.Field).All(char.IsAscii))
                .Select(f => $"{f.Entity}.{f.Field} is labelled '{FieldLabels.Of(l, f.Entity, f.Field)}' in Chinese"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task The_card_history_and_the_exchange_rates_name_people_by_display_name_and_the_system_as_such()
    {
        var leader = await SignedInAsync("leader");
        var rates = await leader.GetPageAsync("/Settings/ExchangeRates");
        var seeded = rates.QuerySelector("#rate-table tr[data-currency='USD'] .rate-entered-by")!.TextContent.Trim();
        Assert.Equal("系统（自动运行）", seeded);
        using (var added = await leader.SubmitAsync("/Settings/ExchangeRates", "#rate-form", new Dictionary<string, string?>
               {
                   ["Input.Currency"] = "CHF", ["Input.CnyPerUnit"] = "8.1", ["Input.EffectiveFrom"] = "2026-12-02",
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        rates = await leader.GetPageAsync("/Settings/ExchangeRates");
        Assert.Equal("公司领导 李强", rates.QuerySelector("#rate-table tr[data-currency='CHF'] .rate-entered-by")!.TextContent.Trim());

        // The demo company's active clients had their cards updated by the seeding run.
        var seededClient = await App.WithDbAsync(db => db.ClientCardRevisions.Where(r => r.ArchivedBy == "system").Select(r => r.ClientId).FirstAsync());
        var history = await leader.GetPageAsync($"/Clients/{seededClient}/History");
        Assert.Contains("系统（自动运行）", history.QuerySelector(".card-version .card-header")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("system", history.QuerySelector(".card-version .card-header")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<Guid> RegisterAsync(CrmClient staff, string name)
    {
        using var created = await staff.SubmitAsync("/Clients/Create", "#client-form", ClientForms.ValidRegistration(name));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static async Task ChangeStatusAsync(CrmClient user, Guid id, string to)
    {
        using var changed = await user.SubmitAsync($"/Clients/{id}", "#status-form", new Dictionary<string, string?> { ["to"] = to, ["reason"] = to == "Active" ? "评估会议通过" : null });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
    }

    private static async Task SwitchToEnglishAsync(CrmClient user)
    {
        using var switched = await user.SubmitAsync("/Audit", "form[action='/Culture']", submitName: "culture", submitValue: "en-US");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
    }

    /// <summary>The update lines that changed <paramref name="field"/>.</summary>
    private static List<IElement> FieldRows(IDocument page, string field) =>
        Rows(page).Where(r => r.QuerySelector(".audit-action")!.TextContent.Trim() is "修改" or "Updated"
                              && r.QuerySelector($"li[data-field='{field}']") is not null).ToList();

    private static List<IElement> Rows(IDocument page) => page.QuerySelectorAll("#audit-table tbody tr").ToList();

    private static List<string> ClientNames(IDocument page)
    {
        var rows = Rows(page);
        Assert.NotEmpty(rows);
        return rows.Select(r => r.QuerySelector(".audit-client a")?.TextContent.Trim() ?? "(none)").Distinct().ToList();
    }

    /// <summary>The update line that changed <paramref name="field"/>.</summary>
    private static IElement UpdateRow(IDocument page, string field) => Assert.Single(FieldRows(page, field));

    private static string Field(IElement row, string field) => row.QuerySelector($"li[data-field='{field}'] .audit-field")!.TextContent.Trim();

    private static (string From, string To) Values(IElement row, string field) =>
        (row.QuerySelector($"li[data-field='{field}'] .audit-from")!.TextContent.Trim(),
            row.QuerySelector($"li[data-field='{field}'] .audit-to")!.TextContent.Trim());

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex AnyGuid();
}
