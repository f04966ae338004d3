using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>
/// The pages that apply the grading and warning rules link to a page every user can open that states them with the
/// thresholds in force ("评定按第四节规则计算" pointed to a section of a document users never see).
/// </summary>
public sealed class RulesPageTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_grading_page_links_to_the_rules_page_which_shows_the_thresholds_the_leaders_set()
    {
        var leader = await SignedInAsync("leader");
        var settings = await leader.GetPageAsync("/Settings/Grading");
        using (var saved = await leader.SubmitAsync(settings, "/Settings/Grading", "#grading-settings-form", new Dictionary<string, string?>
               {
                   ["Input.AMinBatchesLast12Months"] = "4", ["Input.ContactDaysB"] = "45",
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var head = await SignedInAsync("head1");
        var grading = await head.GetPageAsync("/Grading");
        var intro = grading.QuerySelector("#grading-intro")!.TextContent;
        Assert.DoesNotContain("第四节", intro, StringComparison.Ordinal);
        Assert.Equal("/Rules#grading", grading.QuerySelector("#grading-intro a#rules-link")!.GetAttribute("href"));

        var staff = await SignedInAsync("staff1a");
        var home = await staff.GetPageAsync("/");
        Assert.Equal("/Rules", home.QuerySelector("#nav-rules")!.GetAttribute("href"));
        var rules = await staff.GetPageAsync("/Rules");
        Assert.Contains("至少 4 批", rules.QuerySelector("#grading-rules tr[data-grade='A'] li[data-threshold='batches']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("45", rules.QuerySelector("#grade-duties li[data-grade='B']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 天", rules.QuerySelector("#escalation-rule")!.TextContent, StringComparison.Ordinal);
        Assert.Null(rules.QuerySelector("#rules-intro a[href='/Settings/Grading']"));
    }
}
