using System.Net;
using AngleSharp.Dom;
using ClientCrm.Domain.Notifications;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Notifications;

public sealed class InboxTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_user_sees_only_their_own_notifications_newest_first_with_the_unread_ones_marked()
    {
        var now = DateTimeOffset.UtcNow;
        var older = await NotifyAsync("staff1a", NotificationKind.WarningOnOwnClient, "Older Client Co", now.AddHours(-2));
        var newer = await NotifyAsync("staff1a", NotificationKind.WarningToReview, "Newer Client Co", now.AddMinutes(-5));
        await NotifyAsync("staff1b", NotificationKind.WarningOnOwnClient, "Someone Elses Client", now);
        await App.WithDbAsync(async db =>
        {
            (await db.Notifications.SingleAsync(n => n.Id == older)).MarkRead(now);
            await db.SaveChangesAsync();
        });

        var staff = await SignedInAsync("staff1a");
        var page = await staff.GetPageAsync("/Inbox");

        var rows = Rows(page);
        Assert.Equal([newer.ToString(), older.ToString()], rows.Select(r => r.GetAttribute("data-notification-id")));
        Assert.Equal(["false", "true"], rows.Select(r => r.GetAttribute("data-read")));
        Assert.Contains("新预警待审核", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Newer Client Co", rows[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone Elses Client", page.Body!.TextContent, StringComparison.Ordinal);

        var unreadOnly = await staff.GetPageAsync("/Inbox?unread=true");
        Assert.Equal([newer.ToString()], Rows(unreadOnly).Select(r => r.GetAttribute("data-notification-id")));
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_link()
    {
        // The link is not stored: it is the page of the item the message is about, by its kind.
        var warningId = Guid.CreateVersion7();
        var id = await NotifyAboutAsync("head1", NotificationKind.WarningToReview, warningId, "Opened Client Co");
        var head = await SignedInAsync("head1");

        using var opened = await head.SubmitAsync("/Inbox", $"tr[data-notification-id='{id}'] form");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/Warnings/{warningId}", opened.Headers.Location?.OriginalString);
        Assert.NotNull(await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync()));
        var row = Rows(await head.GetPageAsync("/Inbox")).Single(r => r.GetAttribute("data-notification-id") == id.ToString());
        Assert.Equal("true", row.GetAttribute("data-read"));
    }

    [Fact]
    public async Task Another_users_notification_answers_404_and_stays_unread()
    {
        var id = await NotifyAsync("staff1a", NotificationKind.WarningOnOwnClient, "Private Client Co", DateTimeOffset.UtcNow);
        var colleague = await SignedInAsync("staff1b");

        using var response = await colleague.PostDirectAsync($"/Inbox?handler=Open&id={id}", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync()));
        using var unknown = await colleague.PostDirectAsync($"/Inbox?handler=Open&id={Guid.NewGuid()}", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_message_about_no_item_opens_the_inbox_again()
    {
        // No path is stored that could lead out of the app: a message with only a text has nowhere else to go.
        var id = await NotifyAsync("staff1a", NotificationKind.WarningOnOwnClient, "Text Only Co", DateTimeOffset.UtcNow);
        var staff = await SignedInAsync("staff1a");

        using var opened = await staff.SubmitAsync("/Inbox", $"tr[data-notification-id='{id}'] form");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/Inbox", opened.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Read_all_marks_every_unread_notification_of_the_user_and_no_one_elses()
    {
        var now = DateTimeOffset.UtcNow;
        var mine = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await NotifyAsync("staff2a", NotificationKind.WarningOnOwnClient, $"Client {i}", now.AddMinutes(-i))).ToString());
        }

        var other = await NotifyAsync("head2", NotificationKind.WarningToReview, "Client 0", now);
        var staff = await SignedInAsync("staff2a");
        Assert.Equal("3", (await staff.GetPageAsync("/Inbox")).QuerySelector("#inbox-count")?.TextContent.Trim());

        using var response = await staff.SubmitAsync("/Inbox", "#inbox-read-all-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await staff.GetPageAsync("/Inbox");
        var rows = Rows(page);
        Assert.Subset(rows.Select(r => r.GetAttribute("data-notification-id")!).ToHashSet(), mine); // all three still listed
        Assert.All(rows, r => Assert.Equal("true", r.GetAttribute("data-read")));
        Assert.Null(page.QuerySelector("#inbox-count"));
        Assert.Null(page.QuerySelector("#inbox-read-all-form"));
        Assert.Contains("3", page.QuerySelector("#flash")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == other).Select(n => n.ReadAt).SingleAsync()));
    }

    [Fact]
    public async Task The_top_bar_counts_the_warnings_the_engine_sent_and_the_count_falls_as_they_are_opened()
    {
        // The demo company's wage arrears and labor disputes are abnormal, hence high: the leaders hear of each at once.
        await WarningArrange.RunEngineAsync(App);
        var leaderId = await UserIdAsync("leader");
        var unread = await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientId == leaderId && n.ReadAt == null));
        Assert.True(unread >= 2, $"the leader has {unread} notifications after the first run");
        var leader = await SignedInAsync("leader");

        var start = await leader.GetPageAsync("/");
        Assert.Equal(unread.ToString(System.Globalization.CultureInfo.InvariantCulture), start.QuerySelector("#inbox-count")!.GetAttribute("data-count"));
        var inbox = await leader.GetPageAsync("/Inbox");
        var first = Rows(inbox)[0];
        Assert.Contains("重要预警", first.TextContent, StringComparison.Ordinal);
        using var opened = await leader.SubmitAsync(inbox, "/Inbox", $"tr[data-notification-id='{first.GetAttribute("data-notification-id")}'] form");
        Assert.StartsWith("/Warnings/", opened.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var after = await leader.GetPageAsync("/Inbox");
        Assert.Equal((unread - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), after.QuerySelector("#inbox-count")!.GetAttribute("data-count"));
    }

    [Fact]
    public async Task The_inbox_pages_fifty_at_a_time_and_the_badge_stops_at_99()
    {
        var userId = await UserIdAsync("staff1b");
        var now = DateTimeOffset.UtcNow;
        await App.WithDbAsync(db =>
        {
            for (var i = 0; i < 105; i++)
            {
                db.Notifications.Add(new Notification(userId, NotificationKind.WarningOnOwnClient, $"Paged Client {i:000}", now.AddMinutes(-i)));
            }

            return db.SaveChangesAsync();
        });
        var staff = await SignedInAsync("staff1b");

        var first = await staff.GetPageAsync("/Inbox");
        var second = await staff.GetPageAsync(first.QuerySelector("#next-page")!.GetAttribute("href")!);
        var last = await staff.GetPageAsync(second.QuerySelector("#next-page")!.GetAttribute("href")!);

        Assert.Equal(50, Rows(first).Count);
        Assert.Contains("Paged Client 000", Rows(first)[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["Paged Client 100", "Paged Client 101", "Paged Client 102", "Paged Client 103", "Paged Client 104"],
            Rows(last).Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Null(last.QuerySelector("#next-page"));
        // The top bar counts at most 100 (one short index range per page), which shows as 99+.
        Assert.Equal(("99+", "100"), (first.QuerySelector("#inbox-count")!.TextContent.Trim(), first.QuerySelector("#inbox-count")!.GetAttribute("data-count")));
    }

    [Fact]
    public async Task A_long_inbox_is_counted_up_to_a_thousand_and_shown_as_more()
    {
        var userId = await UserIdAsync("staff2a");
        var now = DateTimeOffset.UtcNow;
        await App.WithDbAsync(db =>
        {
            for (var i = 0; i < 1_001; i++)
            {
                db.Notifications.Add(new Notification(userId, NotificationKind.WarningOnOwnClient, $"Many {i:0000}", now.AddSeconds(-i)));
            }

            return db.SaveChangesAsync();
        });
        var staff = await SignedInAsync("staff2a");

        var inbox = await staff.GetPageAsync("/Inbox");

        Assert.Contains("1,000+", inbox.QuerySelector("#inbox-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1,000+", inbox.QuerySelector("#inbox-filter-unread")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_role_has_an_inbox_and_the_menu_links_the_warning_pages_by_role()
    {
        var expected = new Dictionary<string, (bool Warnings, bool Review, bool Settings)>
        {
            ["admin"] = (false, false, false),
            ["staff1a"] = (true, false, false),
            ["head1"] = (true, true, false),
            ["leader"] = (true, true, true),
        };
        foreach (var (user, links) in expected)
        {
            var client = await SignedInAsync(user);
            var inbox = await client.GetPageAsync("/Inbox");
            Assert.NotNull(inbox.QuerySelector("#inbox"));
            Assert.Equal("/Inbox", inbox.QuerySelector("#nav-inbox")?.GetAttribute("href"));
            Assert.Equal(links, (inbox.QuerySelector("#nav-warnings") is not null, inbox.QuerySelector("#nav-warning-review") is not null,
                inbox.QuerySelector("#nav-warning-settings") is not null));
        }

        var menu = await (await SignedInAsync("leader")).GetPageAsync("/");
        Assert.Equal(["/Warnings", "/Warnings/Review", "/Settings/Warnings"],
            new[] { "#nav-warnings", "#nav-warning-review", "#nav-warning-settings" }.Select(id => menu.QuerySelector(id)!.GetAttribute("href")));
        using var anonymous = await Anonymous().GetAsync("/Inbox");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static List<IElement> Rows(IDocument page) => page.QuerySelectorAll("#inbox tr[data-notification-id]").ToList();

    private Task<string> UserIdAsync(string userName) =>
        App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private async Task<Guid> NotifyAsync(string userName, NotificationKind kind, string text, DateTimeOffset at) =>
        await AddAsync(new Notification(await UserIdAsync(userName), kind, text, at));

    private async Task<Guid> NotifyAboutAsync(string userName, NotificationKind kind, Guid subjectId, string clientName) =>
        await AddAsync(Notification.About(await UserIdAsync(userName), kind, new NotificationSubject(subjectId, clientName, null, null, null),
            DateTimeOffset.UtcNow));

    private async Task<Guid> AddAsync(Notification notification)
    {
        await App.WithDbAsync(db =>
        {
            db.Notifications.Add(notification);
            return db.SaveChangesAsync();
        });
        return notification.Id;
    }
}
