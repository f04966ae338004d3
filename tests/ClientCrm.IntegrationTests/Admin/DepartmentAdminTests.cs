using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Admin;

public sealed class DepartmentAdminTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Duplicate_department_code_is_refused_next_to_the_code_field()
    {
        var admin = await SignedInAsync("admin");

        // Codes are stored upper case, so "d1" is the same code as the demo department's "D1".
        using var response = await admin.SubmitAsync("/Admin/Departments/Create", "#department-form",
            new Dictionary<string, string?> { ["Input.Name"] = "业务三部", ["Input.Code"] = "d1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("代码“D1”已被部门“业务一部”使用", HtmlAssert.FieldError(page, "Input.Code"));
        Assert.Equal("业务三部", HtmlAssert.FieldValue(page, "Input.Name"));
        Assert.Equal(2, await App.WithDbAsync(db => db.Departments.CountAsync()));
    }

    [Fact]
    public async Task New_department_shows_up_in_the_list_and_in_the_user_form()
    {
        var admin = await SignedInAsync("admin");

        using var response = await admin.SubmitAsync("/Admin/Departments/Create", "#department-form",
            new Dictionary<string, string?> { ["Input.Name"] = "业务三部", ["Input.Code"] = "d3" });

        AdminTestData.AssertRedirectsTo(response, "/Admin/Departments");
        var list = await admin.GetPageAsync("/Admin/Departments");
        var row = list.QuerySelector("#department-table tr[data-department-code='D3']");
        Assert.NotNull(row);
        Assert.Equal("0", row.QuerySelector(".department-users a")!.TextContent.Trim());

        var form = await admin.GetPageAsync("/Admin/Users/Create");
        var options = form.QuerySelectorAll("select[name='Input.DepartmentId'] option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains("业务三部 (D3)", options);
    }

    [Fact]
    public async Task Department_list_counts_the_users_of_each_department()
    {
        var admin = await SignedInAsync("admin");

        var list = await admin.GetPageAsync("/Admin/Departments");

        // D1: head1, staff1a, staff1b; D2: head2, staff2a.
        Assert.Equal("3", list.QuerySelector("tr[data-department-code='D1'] .department-users a")!.TextContent.Trim());
        Assert.Equal("2", list.QuerySelector("tr[data-department-code='D2'] .department-users a")!.TextContent.Trim());
    }

    [Fact]
    public async Task Renaming_a_department_to_an_existing_name_is_refused_and_a_free_name_is_saved()
    {
        var admin = await SignedInAsync("admin");
        var d2 = await AdminTestData.DepartmentIdAsync(App, "D2");
        var edit = $"/Admin/Departments/Edit/{d2}";

        using (var clash = await admin.SubmitAsync(edit, "#department-form", new Dictionary<string, string?> { ["Input.Name"] = "业务一部" }))
        {
            Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
            var page = await CrmClient.ParseAsync(clash);
            Assert.Equal("部门“业务一部”已存在", HtmlAssert.FieldError(page, "Input.Name"));
        }

        using (var saved = await admin.SubmitAsync(edit, "#department-form",
                   new Dictionary<string, string?> { ["Input.Name"] = "海外业务部", ["Input.Code"] = "D2" }))
        {
            AdminTestData.AssertRedirectsTo(saved, "/Admin/Departments");
        }

        Assert.Equal("海外业务部", await App.WithDbAsync(db => db.Departments.Where(d => d.Code == "D2").Select(d => d.Name).SingleAsync()));
    }
}
