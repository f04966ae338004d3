using AngleSharp.Html.Dom;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Warnings;

/// <summary>
/// Issue 10 point 9: the review queue and the leaders' overdue list put high severity first, then the most urgent due
/// date (the earliest raised); both warning lists page forward and back through every warning in that order.
/// </summary>
public sealed class WarningQueueOrderTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_review_queue_puts_a_high_warning_raised_later_before_a_normal_one_raised_earlier_and_the_earlier_due_first_within_a_severity()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Urgency Order Trading", c => c);
        // Abnormal is high for every client; churn is normal for a C client.
        var normalEarliest = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.Churn, "订单减少", daysAgo: 3);
        var highLater = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.Abnormal, "劳资关系紧张", daysAgo: 1);
        var normalLater = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.Churn, "转向他司", daysAgo: 2);
        var highEarlier = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.Abnormal, "罢工", daysAgo: 2);
        var head = await SignedInAsync("head1");

        var queue = await head.GetPageAsync("/Warnings/Review");

        Guid[] mine = [normalEarliest, highLater, normalLater, highEarlier];
        Assert.Equal(Strings(highEarlier, highLater, normalEarliest, normalLater), Ids(queue, "#review-queue").Where(id => mine.Contains(Guid.Parse(id))));
        // Each row says when it is due: the escalation setting (3 days) after raising, in the company's time; past due in red.
        var clock = App.Services.GetRequiredService<BusinessClock>();
        foreach (var id in mine)
        {
            var raisedAt = await App.WithDbAsync(db => db.Warnings.Where(w => w.Id == id).Select(w => w.RaisedAt).SingleAsync());
            var due = queue.QuerySelector($"tr[data-warning-id='{id}'] .warning-due")!;
            Assert.Equal(clock.Format(raisedAt.AddDays(3)), due.TextContent.Trim());
        }

        Assert.Contains("text-danger", queue.QuerySelector($"tr[data-warning-id='{normalEarliest}'] .warning-due")!.ClassList);
        Assert.DoesNotContain("text-danger", queue.QuerySelector($"tr[data-warning-id='{highLater}'] .warning-due")!.ClassList);
    }

    [Fact]
    public async Task The_leaders_overdue_list_puts_high_severity_first_then_the_longest_overdue()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff2a", "Overdue Order Shipping", c => c);
        var normalOldest = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.MajorChange, "厂房搬迁", daysAgo: 9);
        var highNewer = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.Abnormal, "欠薪", daysAgo: 4);
        var highOlder = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.Abnormal, "纠纷", daysAgo: 6);
        var notYetDue = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.Abnormal, "新纠纷", daysAgo: 1);
        await WarningArrange.RunEngineAsync(App); // escalates the ones nobody acknowledged within 3 days
        var leader = await SignedInAsync("leader");

        var overdue = await leader.GetPageAsync("/Warnings?escalated=true");

        Guid[] mine = [normalOldest, highNewer, highOlder, notYetDue];
        Assert.Equal(Strings(highOlder, highNewer, normalOldest), Ids(overdue, "#warning-table").Where(id => mine.Contains(Guid.Parse(id))));
        // The company view of open warnings has the same order, with the one not yet due among the high ones.
        var open = await leader.GetPageAsync("/Warnings");
        Assert.Equal(Strings(highOlder, highNewer, notYetDue, normalOldest), Ids(open, "#warning-table").Where(id => mine.Contains(Guid.Parse(id))));
    }

    [Fact]
    public async Task The_review_queue_and_the_warning_list_page_forward_and_back_through_every_warning_in_urgency_order_with_the_total()
    {
        // 30 high and 30 normal warnings: the second page holds the last high ones and the first normal ones, so paging
        // crosses from one severity to the next in both directions.
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1b", "Paged Warnings Metals", c => c);
        await App.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            var owner = await db.Users.SingleAsync(u => u.Id == client.OwnerId);
            var filer = new WarningActor(owner.Id, owner.DisplayName, false, false);
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 60; i++)
            {
                db.Warnings.Add(Warning.File(client, i % 2 == 0 ? WarningFamily.Abnormal : WarningFamily.Churn, $"第{i}条", null, filer,
                    now.AddMinutes(-7 * i)));
            }

            await db.SaveChangesAsync();
        });
        var departmentId = await App.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.DepartmentId).SingleAsync());
        var inOrder = await App.WithDbAsync(db => db.Warnings
            .Where(w => w.Client!.DepartmentId == departmentId && w.State == WarningState.Open)
            .OrderByDescending(w => w.Severity).ThenBy(w => w.RaisedAt).ThenBy(w => w.Id)
            .Select(w => w.Id.ToString()).ToListAsync());
        Assert.True(inOrder.Count >= 60);
        var head = await SignedInAsync("head1");

        var review = await WalkAsync(head, "/Warnings/Review", "#review-queue");
        Assert.Equal(inOrder, review.SelectMany(p => p.Ids).ToList());
        Assert.Equal((inOrder.Count + 24) / 25, review.Count); // pages of 25, so at least three here
        Assert.All(review.SkipLast(1), p => Assert.Equal(25, p.Ids.Count));
        Assert.Equal(inOrder.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            review[0].Page.QuerySelector("#review-count")!.TextContent.Trim());
        Assert.Equal(Enumerable.Range(1, review.Count).Select(n => $"第 {n} 页"), review.Select(p => p.Page.QuerySelector("#page-number")!.TextContent.Trim()));

        var list = await WalkAsync(head, "/Warnings", "#warning-table");
        Assert.Equal(inOrder, list.SelectMany(p => p.Ids).ToList());
        Assert.Contains(inOrder.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            list[0].Page.QuerySelector("#warning-count")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Every page of a list by its next links, then back by its previous links, which must give the same pages.</summary>
    private static async Task<List<(IHtmlDocument Page, List<string> Ids)>> WalkAsync(CrmClient user, string url, string table)
    {
        var page = await user.GetPageAsync(url);
        var pages = new List<(IHtmlDocument Page, List<string> Ids)> { (page, Ids(page, table).ToList()) };
        while (page.QuerySelector("#next-page")?.GetAttribute("href") is { } next)
        {
            page = await user.GetPageAsync(next);
            pages.Add((page, Ids(page, table).ToList()));
        }

        Assert.True(pages.Count >= 3, $"{url} has only {pages.Count} pages");
        for (var i = pages.Count - 2; i >= 0; i--)
        {
            page = await user.GetPageAsync(page.QuerySelector("#previous-page")!.GetAttribute("href")!);
            Assert.Equal(pages[i].Ids, Ids(page, table).ToList());
        }

        return pages;
    }

    private static IEnumerable<string> Ids(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"{table} tr[data-warning-id]").Select(r => r.GetAttribute("data-warning-id")!);

    private static string[] Strings(params Guid[] ids) => ids.Select(i => i.ToString()).ToArray();
}
