using System.Net;
using ClientCrm.Domain.Cooperation;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ClientCrm.IntegrationTests.Projects.ProjectTestData;

namespace ClientCrm.IntegrationTests.Projects;

/// <summary>
/// SPEC §3: what a labor-export batch records (employer contract, site, wage, hours, board and lodging, insurance,
/// service fee, commerce-bureau filing) and the wages in arrears of an incident, through the real forms.
/// </summary>
public sealed class BatchTermsPageTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static Dictionary<string, string?> WithTerms(Dictionary<string, string?> values)
    {
        values["Input.Status"] = "Recruiting";
        values["Input.ContractSignedOn"] = Day(Today.AddDays(-20));
        values["Input.EmployerContractNumber"] = "EC-2026-AE-0417";
        values["Input.WorkSite"] = "迪拜杰贝阿里工地 Jebel Ali, Dubai";
        values["Input.WageAmount"] = "2300";
        values["Input.WageCurrency"] = "AED";
        values["Input.WorkingHours"] = "每天 8 小时，每周 6 天 8 h a day, 6 days a week";
        values["Input.BoardAndLodging"] = "雇主免费提供宿舍和三餐 Free dormitory and meals";
        values["Input.InsuranceTerms"] = "雇主投保工伤险 Employer insures work injury";
        values["Input.ServiceFeeAmount"] = "3600";
        values["Input.ServiceFeeCurrency"] = "CNY";
        values["Input.ServiceFeePaidBy"] = "Worker";
        values["Input.FilingNumber"] = "外劳备〔2026〕0417号";
        values["Input.FiledOn"] = Day(Today.AddDays(-8));
        return values;
    }

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No {selector} on the page");

    [Fact]
    public async Task Staff_record_a_batch_with_its_terms_and_filing_see_them_on_the_project_page_and_edit_them()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");

        using var saved = await CreateInitiatedAsync(App, staff, clientId, WithTerms(ValidProject("迪拜焊工 2026 第4批")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var detailsUrl = saved.Headers.Location!.OriginalString;

        var details = await staff.GetPageAsync(detailsUrl);
        Assert.Equal("EC-2026-AE-0417", Text(details, "#project-contract-number"));
        Assert.Equal("迪拜杰贝阿里工地 Jebel Ali, Dubai", Text(details, "#project-work-site"));
        Assert.Equal("2,300.00 AED", Text(details, "#project-wage"));
        Assert.Equal("每天 8 小时，每周 6 天 8 h a day, 6 days a week", Text(details, "#project-working-hours"));
        Assert.Equal("雇主免费提供宿舍和三餐 Free dormitory and meals", Text(details, "#project-board"));
        Assert.Equal("雇主投保工伤险 Employer insures work injury", Text(details, "#project-insurance"));
        Assert.Equal("3,600.00 CNY", Text(details, "#project-service-fee"));
        Assert.Equal("劳务人员", Text(details, "#project-fee-payer"));
        Assert.Equal("外劳备〔2026〕0417号", Text(details, "#project-filing-number"));
        Assert.Equal(Day(Today.AddDays(-8)), Text(details, "#project-filed-on"));
        // The wage and fee keep their currency: only the contract amount is converted to yuan.
        Assert.Equal("—", Text(details, "#project-amount-cny"));

        var clientPage = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.Equal("迪拜杰贝阿里工地 Jebel Ali, Dubai", Text(clientPage, "#project-list .project-site"));

        var editUrl = details.QuerySelector("#edit-project")!.GetAttribute("href")!;
        var form = await staff.GetPageAsync(editUrl);
        Assert.Equal("AED", HtmlAssert.FieldValue(form, "Input.WageCurrency"));
        Assert.Equal("Worker", HtmlAssert.FieldValue(form, "Input.ServiceFeePaidBy"));
        Assert.Equal("外劳备〔2026〕0417号", HtmlAssert.FieldValue(form, "Input.FilingNumber"));
        using (var edited = await staff.SubmitAsync(form, editUrl, "#project-form", new Dictionary<string, string?>
        {
            ["Input.WageAmount"] = "2450.5",
            ["Input.ServiceFeeAmount"] = "300",
            ["Input.ServiceFeeCurrency"] = "USD",
            ["Input.ServiceFeePaidBy"] = "Employer",
            ["Input.WorkSite"] = "阿布扎比 Abu Dhabi",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        var after = await staff.GetPageAsync(detailsUrl);
        Assert.Equal("2,450.50 AED", Text(after, "#project-wage"));
        Assert.Equal("300.00 USD", Text(after, "#project-service-fee"));
        Assert.Equal("雇主", Text(after, "#project-fee-payer"));
        Assert.Equal("阿布扎比 Abu Dhabi", Text(after, "#project-work-site"));
        Assert.Equal("EC-2026-AE-0417", Text(after, "#project-contract-number"));
    }

    [Fact]
    public async Task A_bad_wage_fee_or_filing_is_refused_next_to_each_field_in_Chinese_and_English_and_keeps_what_was_typed()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var createUrl = $"/Clients/{clientId}/Projects/Create";
        var values = WithTerms(ValidProject("填错的批次"));
        values["Input.WageAmount"] = "-100";
        values["Input.ServiceFeeCurrency"] = "";
        values["Input.ServiceFeePaidBy"] = "";
        values["Input.FiledOn"] = "";

        using var response = await staff.SubmitAsync(createUrl, "#project-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("工资标准不能为负数", HtmlAssert.FieldError(page, "Input.WageAmount"), StringComparison.Ordinal);
        Assert.Contains("请选择服务费币种", HtmlAssert.FieldError(page, "Input.ServiceFeeCurrency"), StringComparison.Ordinal);
        Assert.Contains("服务费由谁承担", HtmlAssert.FieldError(page, "Input.ServiceFeePaidBy"), StringComparison.Ordinal);
        Assert.Contains("请同时填写备案日期", HtmlAssert.FieldError(page, "Input.FiledOn"), StringComparison.Ordinal);
        Assert.Equal("-100", HtmlAssert.FieldValue(page, "Input.WageAmount"));
        Assert.Equal("AED", HtmlAssert.FieldValue(page, "Input.WageCurrency"));
        Assert.Equal("3600", HtmlAssert.FieldValue(page, "Input.ServiceFeeAmount"));
        Assert.Equal("迪拜杰贝阿里工地 Jebel Ali, Dubai", HtmlAssert.FieldValue(page, "Input.WorkSite"));
        Assert.Equal("外劳备〔2026〕0417号", HtmlAssert.FieldValue(page, "Input.FilingNumber"));
        Assert.Equal("雇主免费提供宿舍和三餐 Free dormitory and meals", HtmlAssert.FieldValue(page, "Input.BoardAndLodging"));

        // A currency the company does not list (a hand-made post) is refused next to its field too.
        var unlisted = WithTerms(ValidProject("填错的批次"));
        unlisted["Input.WageCurrency"] = "XTS";
        using (var refused = await staff.SubmitAsync(createUrl, "#project-form", unlisted))
        {
            var unlistedPage = await CrmClient.ParseAsync(refused);
            Assert.Contains("XTS", HtmlAssert.FieldError(unlistedPage, "Input.WageCurrency"), StringComparison.Ordinal);
            Assert.Contains("不在可选币种中", HtmlAssert.FieldError(unlistedPage, "Input.WageCurrency"), StringComparison.Ordinal);
            Assert.Equal("XTS", HtmlAssert.FieldValue(unlistedPage, "Input.WageCurrency"));
        }

        using (var switched = await staff.SubmitAsync(createUrl, "form[action='/Culture']", submitName: "culture", submitValue: "en-US"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        using var english = await staff.SubmitAsync(createUrl, "#project-form", values);
        var englishPage = await CrmClient.ParseAsync(english);
        Assert.Contains("wage cannot be negative", HtmlAssert.FieldError(englishPage, "Input.WageAmount"), StringComparison.Ordinal);
        Assert.Contains("currency of the service fee", HtmlAssert.FieldError(englishPage, "Input.ServiceFeeCurrency"), StringComparison.Ordinal);
        Assert.Contains("who pays the service fee", HtmlAssert.FieldError(englishPage, "Input.ServiceFeePaidBy"), StringComparison.Ordinal);
        Assert.Contains("filing date", HtmlAssert.FieldError(englishPage, "Input.FiledOn"), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.CooperationProjects.CountAsync(p => p.ClientId == clientId)));
    }

    [Fact]
    public async Task A_wage_arrears_incident_needs_the_wages_owed_and_no_more_workers_than_the_batch_and_shows_the_amount()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var projectId = await ArrangeProjectAsync(App, clientId, "迪拜焊工批次"); // 8 dispatched of 20
        var staff = await SignedInAsync("staff1a");
        var projectUrl = $"/Clients/{clientId}/Projects/{projectId}";
        var createUrl = $"{projectUrl}/Incidents/Create";

        var form = await staff.GetPageAsync(createUrl);
        Assert.Contains("本批次 8 人", form.QuerySelector("#affected-hint")!.TextContent, StringComparison.Ordinal);

        var values = new Dictionary<string, string?>
        {
            ["Input.Type"] = "WageArrears",
            ["Input.OccurredOn"] = Day(Today.AddDays(-5)),
            ["Input.WorkersAffected"] = "6",
            ["Input.ArrearsAmount"] = "",
            ["Input.ArrearsCurrency"] = "AED",
            ["Input.Description"] = "六名焊工两个月工资未发 Six welders unpaid for two months",
            ["Input.Status"] = "Open",
        };
        using (var missing = await staff.SubmitAsync(form, createUrl, "#incident-form", values))
        {
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            var page = await CrmClient.ParseAsync(missing);
            Assert.Contains("须填写拖欠工资金额", HtmlAssert.FieldError(page, "Input.ArrearsAmount"), StringComparison.Ordinal);
            Assert.Equal("六名焊工两个月工资未发 Six welders unpaid for two months", HtmlAssert.FieldValue(page, "Input.Description"));
            Assert.Equal("AED", HtmlAssert.FieldValue(page, "Input.ArrearsCurrency"));
        }

        values["Input.ArrearsAmount"] = "-5";
        using (var negative = await staff.SubmitAsync(createUrl, "#incident-form", values))
        {
            var page = await CrmClient.ParseAsync(negative);
            Assert.Contains("不能为负数", HtmlAssert.FieldError(page, "Input.ArrearsAmount"), StringComparison.Ordinal);
            Assert.Equal("-5", HtmlAssert.FieldValue(page, "Input.ArrearsAmount"));
        }

        values["Input.ArrearsAmount"] = "27600";
        values["Input.WorkersAffected"] = "9";
        using (var tooMany = await staff.SubmitAsync(createUrl, "#incident-form", values))
        {
            var page = await CrmClient.ParseAsync(tooMany);
            Assert.Contains("涉及人数不能多于本批次人数", HtmlAssert.FieldError(page, "Input.WorkersAffected"), StringComparison.Ordinal);
            Assert.Equal("9", HtmlAssert.FieldValue(page, "Input.WorkersAffected"));
            Assert.Equal("27600", HtmlAssert.FieldValue(page, "Input.ArrearsAmount"));
        }

        Assert.Equal(0, await App.WithDbAsync(db => db.WorkerIncidents.CountAsync(i => i.ProjectId == projectId)));

        values["Input.WorkersAffected"] = "6";
        using (var saved = await staff.SubmitAsync(createUrl, "#incident-form", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var project = await staff.GetPageAsync(projectUrl);
        var row = Assert.Single(project.QuerySelectorAll("#incident-table tbody tr"));
        Assert.Equal("27,600.00 AED", row.QuerySelector(".incident-arrears")!.TextContent.Trim());

        // More is found owed while it is handled.
        var editUrl = row.QuerySelector("a.incident-edit")!.GetAttribute("href")!;
        using (var edited = await staff.SubmitAsync(editUrl, "#incident-form", new Dictionary<string, string?>
        {
            ["Input.ArrearsAmount"] = "41400",
            ["Input.Status"] = "Handling",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        var incident = await App.WithDbAsync(db => db.WorkerIncidents.SingleAsync(i => i.ProjectId == projectId));
        Assert.Equal((41_400m, "AED", 6, IncidentStatus.Handling), (incident.ArrearsAmount, incident.ArrearsCurrency, incident.WorkersAffected, incident.Status));
        Assert.Equal("41,400.00 AED", (await staff.GetPageAsync(projectUrl)).QuerySelector("#incident-table .incident-arrears")!.TextContent.Trim());
    }
}
