using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>
/// Every field a user can fill in says what it is: a visible label (label[for], a label around it, or aria-label /
/// aria-labelledby for compact filters), on every page each role reaches, in both languages; and no label is empty
/// (the settings pages showed only numbers and red asterisks).
/// </summary>
[LongRunning(30)]
public sealed class LabelTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Theory]
    [InlineData("staff1a")]
    [InlineData("head1")]
    [InlineData("leader")]
    [InlineData("admin")]
    public async Task Every_field_on_every_page_a_role_reaches_has_a_label_and_no_label_is_empty_in_both_languages(string role)
    {
        var records = await UiWalk.ArrangeAsync(App, () => SignedInAsync("leader"), role);
        foreach (var culture in UiWalk.Cultures)
        {
            var user = await SignedInAsync(role);
            await UiWalk.UseCultureAsync(user, culture);

            var pages = await UiWalk.WalkAsync(user, UiWalk.StartPages(role, records));

            var problems = pages.SelectMany(Problems).Distinct().ToList();
            Assert.True(problems.Count == 0, $"{role} ({culture}), {pages.Count} pages:\n" + string.Join("\n", problems));
            var fields = pages.Sum(p => p.Document.QuerySelectorAll("input, select, textarea").Count(IsFillable));
            Assert.True(fields > 10, $"only {fields} fields on {pages.Count} pages: the walk did not reach the forms");
            if (role == "leader")
            {
                Assert.Contains(pages, p => p.Url == "/Settings/Grading");
                Assert.Contains(pages, p => p.Url == "/Settings/Warnings");
            }
        }
    }

    [Theory]
    [InlineData("zh-CN", "A 级客户联系间隔", "天", "或：近 24 个月最少合同额", "元（人民币）", "需求下降比例", "%")]
    [InlineData("en-US", "Contact interval for A clients", "days", "Or: minimum contract amount in the last 24 months", "CNY", "Drop in demand", "%")]
    public async Task The_settings_pages_name_each_number_with_its_unit_and_the_rule_it_feeds(string culture, string contactLabel, string contactUnit,
        string amountLabel, string amountUnit, string dropLabel, string dropUnit)
    {
        var leader = await SignedInAsync("leader");
        await UiWalk.UseCultureAsync(leader, culture);

        var grading = await leader.GetPageAsync("/Settings/Grading");
        Assert.Equal((contactLabel, contactUnit), Field(grading, "Input.ContactDaysA"));
        Assert.Equal((amountLabel, amountUnit), Field(grading, "Input.AMinAmountCnyLast24Months"));
        Assert.Equal(12, grading.QuerySelectorAll("#grading-settings-form input[name^='Input.']").Length);
        AssertEveryNumberExplained(grading, "#grading-settings-form");

        var warnings = await leader.GetPageAsync("/Settings/Warnings");
        Assert.Equal((dropLabel, dropUnit), Field(warnings, "Input.DemandDropPercent"));
        Assert.Equal(11, warnings.QuerySelectorAll("#warning-settings-form input[name^='Input.']").Length);
        AssertEveryNumberExplained(warnings, "#warning-settings-form");
    }

    /// <summary>The label and the unit of a settings number.</summary>
    private static (string Label, string Unit) Field(IHtmlDocument page, string name)
    {
        var input = page.QuerySelector($"input[name='{name}']")!;
        var label = page.QuerySelector($"label[for='{input.Id}']")!.TextContent.Trim();
        var unit = page.GetElementById(input.Id + "-unit")!.TextContent.Trim();
        return (label, unit);
    }

    /// <summary>Each number has a label, a unit and a note that names the rule it feeds, all tied to the input.</summary>
    private static void AssertEveryNumberExplained(IHtmlDocument page, string form)
    {
        foreach (var input in page.QuerySelectorAll($"{form} input[name^='Input.']"))
        {
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"label[for='{input.Id}']")?.TextContent), $"{input.Id}: label");
            var described = (input.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, described.Length);
            Assert.All(described, id => Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(id)?.TextContent), $"{input.Id}: {id}"));
            Assert.True(page.GetElementById(input.Id + "-note")!.TextContent.Trim().Length > 10, $"{input.Id}: note");
        }
    }

    private static IEnumerable<string> Problems(WalkedPage page)
    {
        var document = page.Document;
        foreach (var label in document.QuerySelectorAll("label"))
        {
            if (string.IsNullOrWhiteSpace(label.TextContent) && string.IsNullOrWhiteSpace(label.GetAttribute("aria-label")))
            {
                yield return $"{page.Url}: empty <label for={label.GetAttribute("for")}>";
            }
        }

        foreach (var control in document.QuerySelectorAll("input, select, textarea").Where(IsFillable))
        {
            if (!HasLabel(document, control))
            {
                yield return $"{page.Url}: {UiWalk.Describe(control)} has no label";
            }
        }
    }

    /// <summary>A field a user sees and fills in: not hidden, not a button.</summary>
    private static bool IsFillable(IElement control)
    {
        if (control is IHtmlInputElement { Type: "hidden" or "submit" or "button" or "reset" or "image" })
        {
            return false;
        }

        for (var e = control; e is not null; e = e.ParentElement)
        {
            if (e.HasAttribute("hidden") || e.ClassList.Contains("d-none"))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasLabel(IDocument document, IElement control)
    {
        if (!string.IsNullOrWhiteSpace(control.GetAttribute("aria-label")))
        {
            return true;
        }

        if (control.GetAttribute("aria-labelledby") is { } ids
            && ids.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts
            && parts.All(id => !string.IsNullOrWhiteSpace(document.GetElementById(id)?.TextContent)))
        {
            return true;
        }

        if (control.Closest("label") is { } wrapping && !string.IsNullOrWhiteSpace(wrapping.TextContent))
        {
            return true;
        }

        // label[for] names the first element with that id: a second control with the same id is not labelled by it.
        var id = control.Id;
        return !string.IsNullOrEmpty(id) && document.GetElementById(id) == control
            && document.QuerySelectorAll("label[for]").Any(l => l.GetAttribute("for") == id && !string.IsNullOrWhiteSpace(l.TextContent));
    }
}
