using System.Net;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ClientCrm.IntegrationTests.Projects.ProjectTestData;

namespace ClientCrm.IntegrationTests.Projects;

/// <summary>SPEC §3 cooperation projects (合作项目/招聘批次) and worker incidents, through the real forms.</summary>
public sealed class ProjectTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_client_page_opened_before_a_project_is_added_shows_the_project_when_opened_again()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var before = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.Empty(before.QuerySelectorAll("#project-list a.project-link"));

        var project = ValidProject("再次打开可见 Seen on reopening");
        project["Input.WorkersRequested"] = "4";
        using (var saved = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form", project))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The page's projects are kept between visits; the save must make the next visit read them again.
        var after = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.Equal(["再次打开可见 Seen on reopening"], after.QuerySelectorAll("#project-list a.project-link").Select(a => a.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task Staff_create_projects_for_their_active_client_and_see_them_in_the_execution_table_by_signing_year()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var createUrl = $"/Clients/{clientId}/Projects/Create";

        var form = await staff.GetPageAsync(createUrl);
        var clientCountry = await App.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.CountryCode).SingleAsync());
        Assert.Equal(clientCountry, HtmlAssert.FieldValue(form, "Input.WorkCountryCode"));

        var first = ValidProject("2024 钢筋工第一批");
        first["Input.Status"] = "Recruiting";
        first["Input.ContractSignedOn"] = "2024-03-01";
        first["Input.WorkersRequested"] = "20";
        first["Input.ContractAmount"] = "100000";
        first["Input.Currency"] = "CNY";
        using (var saved = await CreateInitiatedAsync(App, staff, clientId, first))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var details = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
            Assert.Equal("2024 钢筋工第一批", details.QuerySelector("#project-name")!.TextContent.Trim());
            Assert.Equal("100,000.00", details.QuerySelector("#project-amount-cny")!.TextContent.Trim());
        }

        var second = ValidProject("2024 焊工第二批");
        second["Input.Status"] = "InService";
        second["Input.ContractSignedOn"] = "2024-09-10";
        second["Input.DepartureOn"] = "2024-10-01";
        second["Input.ContractEndOn"] = "2026-10-01";
        second["Input.WorkersRequested"] = "10";
        second["Input.WorkersDispatched"] = "10";
        second["Input.ContractAmount"] = "50000.50";
        second["Input.Currency"] = "CNY";
        using (var saved = await CreateInitiatedAsync(App, staff, clientId, second))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var third = ValidProject("2025 木工");
        third["Input.Status"] = "ContractReview";
        third["Input.ContractSignedOn"] = "2025-01-15";
        third["Input.WorkersRequested"] = "7";
        using (var saved = await staff.SubmitAsync(createUrl, "#project-form", third))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var unsigned = ValidProject("洽谈中的批次");
        unsigned["Input.WorkersRequested"] = "5";
        using (var saved = await staff.SubmitAsync(createUrl, "#project-form", unsigned))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // An open incident on the second project counts in its year.
        var secondId = await ProjectIdAsync(App, "2024 焊工第二批");
        using (var incident = await staff.SubmitAsync($"/Clients/{clientId}/Projects/{secondId}/Incidents/Create", "#incident-form", new Dictionary<string, string?>
        {
            ["Input.Type"] = "LaborDispute",
            ["Input.WorkersAffected"] = "3",
            ["Input.Description"] = "加班费争议 Overtime pay dispute",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, incident.StatusCode);
        }

        var page = await staff.GetPageAsync($"/Clients/{clientId}");
        string[] Row(string year) => page.QuerySelector($"#project-execution tr[data-year='{year}']")!
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["2", "30", "10", "150,000.50", "1"], Row("2024"));
        Assert.Equal(["1", "7", "0", "0.00", "0"], Row("2025"));
        Assert.Equal(["1", "5", "0", "0.00", "0"], Row("unsigned"));
        Assert.Equal(["4", "42", "10", "150,000.50", "1"], Row("total"));
        Assert.Contains("尚未签约", page.QuerySelector("#project-execution tr[data-year='unsigned'] th")!.TextContent, StringComparison.Ordinal);
        var years = page.QuerySelectorAll("#project-execution tbody tr").Select(tr => tr.GetAttribute("data-year")).ToList();
        Assert.Equal(["2024", "2025", "unsigned"], years);

        var listed = page.QuerySelectorAll("#project-list a.project-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(4, listed.Count);
        Assert.Contains("2024 焊工第二批", listed);
        var link = page.QuerySelectorAll("#project-list a.project-link").First(a => a.TextContent.Trim() == "2024 焊工第二批");
        Assert.Equal($"/Clients/{clientId}/Projects/{secondId}", link.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#add-project"));
    }

    [Fact]
    public async Task A_project_for_a_client_that_is_not_active_is_refused_with_the_reason_and_no_form()
    {
        var clientId = await ClientOfAsync(App, "staff1a", active: false);
        var status = await App.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.Status).SingleAsync());
        var staff = await SignedInAsync("staff1a");

        var page = await staff.GetPageAsync($"/Clients/{clientId}/Projects/Create");

        var refusal = page.QuerySelector("#project-refused")!.TextContent;
        Assert.Contains("只有合作中（进入操作程序）的客户才能新建合作项目", refusal, StringComparison.Ordinal);
        Assert.Contains(status switch
        {
            ClientStatus.Prospect => "潜在",
            ClientStatus.UnderEvaluation => "评估中",
            ClientStatus.Paused => "暂停合作",
            _ => "中止合作",
        }, refusal, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#project-form"));
        Assert.Empty(page.QuerySelectorAll("main form"));

        var clientPage = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.Null(clientPage.QuerySelector("#add-project"));
        Assert.NotNull(clientPage.QuerySelector("#add-project-refused"));
    }

    [Fact]
    public async Task A_post_for_a_client_paused_after_the_form_was_loaded_is_refused_and_saves_nothing()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var createUrl = $"/Clients/{clientId}/Projects/Create";
        var form = await staff.GetPageAsync(createUrl);

        await SetStatusAsync(App, clientId, ClientStatus.Paused);
        using var response = await staff.SubmitAsync(form, createUrl, "#project-form", ValidProject("暂停后提交的项目"));

        var page = await CrmClient.ParseAsync(response);
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        var refusal = page.QuerySelector("#project-refused")!.TextContent;
        Assert.Contains("只有合作中（进入操作程序）的客户才能新建合作项目", refusal, StringComparison.Ordinal);
        Assert.Contains("暂停合作", refusal, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#project-form"));
        Assert.Equal(0, await App.WithDbAsync(db => db.CooperationProjects.CountAsync(p => p.ClientId == clientId)));
    }

    [Fact]
    public async Task An_amount_in_a_currency_without_a_rate_is_refused_next_to_the_currency_and_keeps_what_was_typed()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var values = ValidProject("无汇率币种合同");
        values["Input.ContractAmount"] = "5000";
        values["Input.Currency"] = "XTS"; // ISO 4217 code reserved for testing: never has a rate
        values["Input.Notes"] = "请保留我 keep me";

        using var response = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        var message = HtmlAssert.FieldError(page, "Input.Currency");
        Assert.Contains("XTS", message, StringComparison.Ordinal);
        Assert.Contains("领导", message, StringComparison.Ordinal);
        Assert.Equal("XTS", HtmlAssert.FieldValue(page, "Input.Currency"));
        Assert.Equal("5000", HtmlAssert.FieldValue(page, "Input.ContractAmount"));
        Assert.Equal("无汇率币种合同", HtmlAssert.FieldValue(page, "Input.Name"));
        Assert.Equal("钢筋工, 木工", HtmlAssert.FieldValue(page, "Input.JobTypes"));
        Assert.Equal("请保留我 keep me", HtmlAssert.FieldValue(page, "Input.Notes"));
        Assert.NotNull(page.QuerySelector("#form-errors-notice"));
        Assert.Equal(0, await App.WithDbAsync(db => db.CooperationProjects.CountAsync(p => p.ClientId == clientId)));

        // An amount without any currency is refused next to the currency too.
        values["Input.Currency"] = "";
        using var noCurrency = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form", values);
        Assert.Contains("请选择币种", HtmlAssert.FieldError(await CrmClient.ParseAsync(noCurrency), "Input.Currency"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_workers_dispatched_than_requested_is_refused_next_to_the_field_in_Chinese_and_English()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var values = ValidProject("超派批次");
        values["Input.WorkersRequested"] = "10";
        values["Input.WorkersDispatched"] = "12";
        values["Input.ContractSignedOn"] = "2025-05-01";
        values["Input.DepartureOn"] = "2025-04-01";

        using var response = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("出境人数不能多于需求人数", HtmlAssert.FieldError(page, "Input.WorkersDispatched"), StringComparison.Ordinal);
        Assert.Contains("合同签订 → 出境", HtmlAssert.FieldError(page, "Input.DepartureOn"), StringComparison.Ordinal);
        Assert.Equal("12", HtmlAssert.FieldValue(page, "Input.WorkersDispatched"));
        Assert.Equal("10", HtmlAssert.FieldValue(page, "Input.WorkersRequested"));
        Assert.Equal("2025-04-01", HtmlAssert.FieldValue(page, "Input.DepartureOn"));

        using (var switched = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "form[action='/Culture']", submitName: "culture", submitValue: "en-US"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        using var english = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form", values);
        var englishPage = await CrmClient.ParseAsync(english);
        Assert.Contains("cannot exceed workers requested", HtmlAssert.FieldError(englishPage, "Input.WorkersDispatched"), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.CooperationProjects.CountAsync(p => p.ClientId == clientId)));
    }

    [Fact]
    public async Task Staff_record_a_wage_arrears_incident_and_see_it_on_the_project_page_even_after_the_client_is_paused()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var projectId = await ArrangeProjectAsync(App, clientId, "迪拜焊工批次");
        await SetStatusAsync(App, clientId, ClientStatus.Paused);
        var staff = await SignedInAsync("staff1a");
        var projectUrl = $"/Clients/{clientId}/Projects/{projectId}";

        var project = await staff.GetPageAsync(projectUrl);
        Assert.NotNull(project.QuerySelector("#incidents-none"));
        var createUrl = project.QuerySelector("#add-incident")!.GetAttribute("href")!;

        var resolvedWithoutRecord = new Dictionary<string, string?>
        {
            ["Input.Type"] = "WageArrears",
            ["Input.OccurredOn"] = Day(Today.AddDays(-3)),
            ["Input.WorkersAffected"] = "8",
            ["Input.ArrearsAmount"] = "64800",
            ["Input.ArrearsCurrency"] = "CNY",
            ["Input.Description"] = "雇主拖欠三个月工资 Three months of wages unpaid",
            ["Input.Status"] = "Resolved",
            ["Input.HandlingRecord"] = "",
        };
        using (var refused = await staff.SubmitAsync(createUrl, "#incident-form", resolvedWithoutRecord))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await CrmClient.ParseAsync(refused);
            Assert.Contains("已解决的事件须填写处理情况", HtmlAssert.FieldError(page, "Input.HandlingRecord"), StringComparison.Ordinal);
            Assert.Equal("雇主拖欠三个月工资 Three months of wages unpaid", HtmlAssert.FieldValue(page, "Input.Description"));
        }

        var open = new Dictionary<string, string?>(resolvedWithoutRecord) { ["Input.Status"] = "Open" };
        using var saved = await staff.SubmitAsync(createUrl, "#incident-form", open);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(projectUrl, saved.Headers.Location!.OriginalString);

        var after = await staff.GetPageAsync(projectUrl);
        var row = Assert.Single(after.QuerySelectorAll("#incident-table tbody tr"));
        Assert.Equal("拖欠工资", row.QuerySelector(".incident-type")!.TextContent.Trim());
        Assert.Contains("待处理", row.QuerySelector(".incident-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Three months of wages unpaid", row.QuerySelector(".incident-description")!.TextContent, StringComparison.Ordinal);

        // Handling it to the end: resolved with its handling record.
        var editUrl = row.QuerySelector("a.incident-edit")!.GetAttribute("href")!;
        using var resolved = await staff.SubmitAsync(editUrl, "#incident-form", new Dictionary<string, string?>
        {
            ["Input.Status"] = "Resolved",
            ["Input.HandlingRecord"] = "经驻外使馆协调，雇主已补发 Paid after embassy mediation",
        });
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var incident = await App.WithDbAsync(db => db.WorkerIncidents.SingleAsync(i => i.ProjectId == projectId));
        Assert.Equal(ClientCrm.Domain.Cooperation.IncidentStatus.Resolved, incident.Status);
        Assert.Equal(clientId, incident.ClientId);
        Assert.NotNull(incident.ResolvedOn);
    }

    [Fact]
    public async Task Another_staff_members_project_answers_404_for_pages_and_posts()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var projectId = await ArrangeProjectAsync(App, clientId, "一部业务员的项目");
        var incidentId = await App.WithDbAsync(async db =>
        {
            var project = await db.CooperationProjects.SingleAsync(p => p.Id == projectId);
            var incident = project.RecordIncident(new ClientCrm.Domain.Cooperation.IncidentDetails
            {
                Type = ClientCrm.Domain.Cooperation.IncidentType.Accident, OccurredOn = Today, WorkersAffected = 1, Description = "工伤 Injury",
            }, App.Clock);
            db.WorkerIncidents.Add(incident);
            await db.SaveChangesAsync();
            return incident.Id;
        });
        var other = await SignedInAsync("staff1b");

        foreach (var url in new[]
                 {
                     $"/Clients/{clientId}/Projects/{projectId}",
                     $"/Clients/{clientId}/Projects/{projectId}/Edit",
                     $"/Clients/{clientId}/Projects/Create",
                     $"/Clients/{clientId}/Projects/{projectId}/Incidents/Create",
                     $"/Clients/{clientId}/Projects/{projectId}/Incidents/{incidentId}/Edit",
                 })
        {
            using var response = await other.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url}: expected 404, got {(int)response.StatusCode}");
        }

        // Posts carry a real antiforgery token of staff1b, taken from a page they may open.
        var own = await other.GetPageAsync("/Clients/Create");
        var posts = new (string Url, Dictionary<string, string?> Values)[]
        {
            ($"/Clients/{clientId}/Projects/{projectId}/Edit", ValidProject("被篡改 Hijacked")),
            ($"/Clients/{clientId}/Projects/Create", ValidProject("闯入 Intruder")),
            ($"/Clients/{clientId}/Projects/{projectId}/Incidents/Create", new() { ["Input.Type"] = "Other", ["Input.Description"] = "Intruder" }),
            ($"/Clients/{clientId}/Projects/{projectId}/Incidents/{incidentId}/Edit", new() { ["Input.Type"] = "Other", ["Input.Description"] = "Intruder" }),
        };
        foreach (var (url, values) in posts)
        {
            using var response = await other.SubmitAsync(own, url, "#client-form", values);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url}: expected 404, got {(int)response.StatusCode}");
        }

        Assert.Equal(1, await App.WithDbAsync(db => db.CooperationProjects.CountAsync(p => p.ClientId == clientId)));
        Assert.Equal("一部业务员的项目", await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.Id == projectId).Select(p => p.Name).SingleAsync()));
        Assert.Equal("工伤 Injury", await App.WithDbAsync(db => db.WorkerIncidents.Where(i => i.Id == incidentId).Select(i => i.Description).SingleAsync()));
    }

    [Fact]
    public async Task Creating_a_project_is_written_to_the_audit_log()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");

        using var saved = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form", ValidProject("审计的项目"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var key = (await ProjectIdAsync(App, "审计的项目")).ToString();
        var entry = await App.WithDbAsync(db => db.AuditEntries
            .SingleAsync(a => a.EntityType == "CooperationProject" && a.EntityId == key && a.Action == AuditAction.Created));
        Assert.Equal("staff1a", entry.UserName);
        Assert.Equal(clientId, entry.ClientId);
        using var changes = System.Text.Json.JsonDocument.Parse(entry.ChangesJson!);
        Assert.Equal("审计的项目", changes.RootElement.GetProperty("Name").GetProperty("to").GetString());
    }
}
