using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>The count at the top of a long form is the number of fields marked below it ("12 处" with 11 marked).</summary>
public sealed class FormErrorNoticeTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_count_at_the_top_is_the_number_of_fields_marked_when_a_form_message_and_field_messages_coexist()
    {
        var staff = await SignedInAsync("staff1a");
        using (var first = await staff.SubmitAsync("/Clients/Create", "#client-form", ClientForms.ValidRegistration("Counted Twice Trading")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The same name again (a message for the whole form: confirm it is another company), plus three fields to correct:
        // a region that is not on the list (unreadable, and then also missing), letters for the staff count, no principal.
        var values = ClientForms.ValidRegistration("Counted Twice Trading");
        values["Input.Region"] = "XX";
        values["Input.EmployeeCount"] = "abc";
        values["Principal.Name"] = "";
        using var response = await staff.SubmitAsync("/Clients/Create", "#client-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        var marked = page.QuerySelectorAll("[data-valmsg-for]").Where(e => e.TextContent.Trim().Length > 0).Select(e => e.GetAttribute("data-valmsg-for")).ToList();
        Assert.Equal(new[] { "Input.EmployeeCount", "Input.Region", "Principal.Name" }, marked.Order(StringComparer.Ordinal));
        var notice = page.QuerySelector("#form-errors-notice")!;
        Assert.Equal("3", notice.GetAttribute("data-fields"));
        Assert.Contains("3 处需要更正", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("同名", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("请从列表中选择。", HtmlAssert.FieldError(page, "Input.Region"));
        Assert.Equal("请填写数字。", HtmlAssert.FieldError(page, "Input.EmployeeCount"));
        Assert.Equal("abc", HtmlAssert.FieldValue(page, "Input.EmployeeCount"));
        Assert.NotNull(page.QuerySelector("#duplicate-warning"));
    }
}
