using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Notifications;

/// <summary>
/// Issue 10 point 10: a message says which client and rule (in the reader's language, worded when shown), opens the
/// warning, and is marked done once someone else closes what it is about.
/// </summary>
public sealed class InboxMessageTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_message_names_the_client_and_the_rule_in_chinese_and_in_english_and_opens_the_warning()
    {
        var plain = await GradingArrange.ActiveClientAsync(App, "staff1a", "Gulf Star Contracting", c => c with { OperatingStatus = OperatingStatus.Declining });
        var named = await GradingArrange.ActiveClientAsync(App, "staff1a", "Desert Pearl Hotels",
            c => c with { ChineseName = "沙漠明珠酒店", OperatingStatus = OperatingStatus.Distressed });
        await WarningArrange.RunEngineAsync(App);
        var plainWarning = await WarningArrange.OpenWarningAsync(App, plain, WarningRule.OperatingStatusDeclined);
        var namedWarning = await WarningArrange.OpenWarningAsync(App, named, WarningRule.OperatingStatusDeclined);
        var head = await SignedInAsync("head1");

        var chinese = await head.GetPageAsync("/Inbox");
        Assert.Equal("Gulf Star Contracting：经营状况下滑", Message(chinese, plainWarning));
        Assert.Equal("沙漠明珠酒店：经营状况下滑", Message(chinese, namedWarning));

        using (await head.SubmitAsync(chinese, "/Inbox", "form[action='/Culture']", submitName: "culture", submitValue: "en-US"))
        {
        }

        var english = await head.GetPageAsync("/Inbox");
        Assert.Equal("Gulf Star Contracting: Operating status declining or distressed", Message(english, plainWarning));
        Assert.Equal("Desert Pearl Hotels: Operating status declining or distressed", Message(english, namedWarning));

        // The message opens the warning it is about (and is read from then on).
        using var opened = await head.SubmitAsync(english, "/Inbox", $"{RowOf(plainWarning)} form");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/Warnings/{plainWarning}", opened.Headers.Location!.OriginalString);
        var warningPage = await head.GetPageAsync(opened.Headers.Location.OriginalString);
        Assert.Contains("Gulf Star Contracting", warningPage.Body!.TextContent, StringComparison.Ordinal);
        var row = (await head.GetPageAsync("/Inbox")).QuerySelector(RowOf(plainWarning))!;
        Assert.Equal("true", row.GetAttribute("data-read"));
        Assert.Equal("false", row.GetAttribute("data-done"));
    }

    [Fact]
    public async Task A_message_about_a_warning_filed_by_hand_gives_its_summary()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Harbour Light Fisheries", c => c);
        var staff = await SignedInAsync("staff1a");

        using var filed = await staff.SubmitAsync($"/Clients/{clientId}/Warnings/File", "#file-warning-form",
            new Dictionary<string, string?> { ["Input.Family"] = "Churn", ["Input.Summary"] = "雇主转向其他公司招工" });

        var warningId = Guid.Parse(filed.Headers.Location!.OriginalString["/Warnings/".Length..]);
        await App.DrainOutboxAsync();
        var head = await SignedInAsync("head1");
        Assert.Equal("Harbour Light Fisheries：雇主转向其他公司招工", Message(await head.GetPageAsync("/Inbox"), warningId));
    }

    [Fact]
    public async Task After_another_user_closes_the_warning_the_recipients_message_shows_as_done_and_the_unread_badge_drops()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Closed By Others Garments", c => c);
        var staff = await SignedInAsync("staff1a");
        // Abnormal, so high: the department head reviews it and the leaders are told at once.
        using var filed = await staff.SubmitAsync($"/Clients/{clientId}/Warnings/File", "#file-warning-form",
            new Dictionary<string, string?> { ["Input.Family"] = "Abnormal", ["Input.Summary"] = "工人与雇主关系紧张" });
        var warningId = Guid.Parse(filed.Headers.Location!.OriginalString["/Warnings/".Length..]);
        await App.DrainOutboxAsync();
        var head = await SignedInAsync("head1");
        var before = await head.GetPageAsync("/Inbox");
        var unreadBefore = Badge(before);
        Assert.Equal(("false", "false"), (before.QuerySelector(RowOf(warningId))!.GetAttribute("data-read"), before.QuerySelector(RowOf(warningId))!.GetAttribute("data-done")));

        // The leader, not the head, takes it through to the end.
        var leader = await SignedInAsync("leader");
        using (var acknowledged = await leader.SubmitAsync($"/Warnings/{warningId}", "#acknowledge-form",
                   new Dictionary<string, string?> { ["Step.Actions"] = "约谈雇主" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        }

        await App.DrainOutboxAsync(); // the owner is told what is to be done
        // Acknowledged is not closed: the message still waits.
        Assert.Equal("false", (await head.GetPageAsync("/Inbox")).QuerySelector(RowOf(warningId))!.GetAttribute("data-done"));
        using (var resolved = await leader.SubmitAsync($"/Warnings/{warningId}", "#resolve-form",
                   new Dictionary<string, string?> { ["Step.Cause"] = "加班费计算有误", ["Step.Measures"] = "已补发加班费" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        }

        var after = await head.GetPageAsync("/Inbox");
        var row = after.QuerySelector(RowOf(warningId))!;
        Assert.Equal(("true", "true"), (row.GetAttribute("data-done"), row.GetAttribute("data-read")));
        Assert.Equal("已处理", row.QuerySelector(".notification-done")!.TextContent.Trim());
        Assert.Equal(unreadBefore - 1, Badge(after));
        Assert.Null((await head.GetPageAsync("/Inbox?unread=true")).QuerySelector(RowOf(warningId)));
        // Every message that waited on it is done: the head's, the leader's own and the owner's "what is to be done". The owner
        // is then told how it ended, news that arrives after the closing and waits to be read.
        await App.DrainOutboxAsync();
        var messages = await App.WithDbAsync(db => db.Notifications.Where(n => n.SubjectId == warningId)
            .Select(n => new { n.Kind, Done = n.DoneAt != null }).ToListAsync());
        Assert.Equal(
            [(NotificationKind.WarningToReview, true), (NotificationKind.HighWarning, true), (NotificationKind.WarningAcknowledged, true),
                (NotificationKind.WarningClosed, false)],
            messages.Select(m => (m.Kind, m.Done)).OrderBy(m => m.Kind));
    }

    [Fact]
    public async Task Dismissing_a_warning_marks_the_messages_about_it_done_and_leaves_other_messages_alone()
    {
        var closing = await GradingArrange.ActiveClientAsync(App, "staff1a", "Dismissed Alarm Foods", c => c with { OperatingStatus = OperatingStatus.Declining });
        var staying = await GradingArrange.ActiveClientAsync(App, "staff1a", "Still Open Foods", c => c with { OperatingStatus = OperatingStatus.Declining });
        await WarningArrange.RunEngineAsync(App);
        var closingWarning = await WarningArrange.OpenWarningAsync(App, closing, WarningRule.OperatingStatusDeclined);
        var stayingWarning = await WarningArrange.OpenWarningAsync(App, staying, WarningRule.OperatingStatusDeclined);
        var staff = await SignedInAsync("staff1a");
        var before = await staff.GetPageAsync("/Inbox");
        var unreadBefore = Badge(before);
        var raisedMessage = before.QuerySelector(RowOf(closingWarning))!.GetAttribute("data-notification-id");

        // The card was entered wrongly and is corrected first: a warning whose condition still holds cannot be dismissed.
        await App.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == closing);
            client.UpdateCard(client.CurrentCard() with { OperatingStatus = OperatingStatus.Stable }, App.Clock, "staff1a");
            await db.SaveChangesAsync();
        });
        var head = await SignedInAsync("head1");
        using (var dismissed = await head.SubmitAsync($"/Warnings/{closingWarning}", "#dismiss-form",
                   new Dictionary<string, string?> { ["Step.DismissReason"] = "经营状况录入有误" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        }

        // The owner is also told how it ended, by a handler: drained, so that news is in the inbox whatever the timing.
        await App.DrainOutboxAsync();
        var inbox = await staff.GetPageAsync("/Inbox");
        var closingRows = inbox.QuerySelectorAll(RowOf(closingWarning));
        Assert.Equal("true", closingRows.Single(r => r.GetAttribute("data-notification-id") == raisedMessage).GetAttribute("data-done"));
        var news = Assert.Single(closingRows, r => r.GetAttribute("data-notification-id") != raisedMessage);
        Assert.Equal(("false", "false"), (news.GetAttribute("data-done"), news.GetAttribute("data-read")));
        Assert.Equal(("false", "false"), (inbox.QuerySelector(RowOf(stayingWarning))!.GetAttribute("data-done"),
            inbox.QuerySelector(RowOf(stayingWarning))!.GetAttribute("data-read")));
        // The message that waited is done and no longer counted; the news of the ending takes its place in the count.
        Assert.Equal(unreadBefore, Badge(inbox));
        Assert.Equal(
            [NotificationKind.WarningClosed],
            await App.WithDbAsync(db => db.Notifications.Where(n => n.SubjectId == closingWarning && n.DoneAt == null).Select(n => n.Kind).ToListAsync()));
    }

    [Fact]
    public async Task Deciding_a_grade_proposal_marks_the_messages_about_it_done()
    {
        var clientId = await GradingArrange.RegularClientAsync(App, "staff1a", "Proposal Message Builders");
        var head = await SignedInAsync("head1");
        await GradingArrange.StartRunAsync(head);
        var proposalId = await GradingArrange.PendingProposalAsync(App, clientId);
        var headId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "head1").Select(u => u.Id).SingleAsync());
        var message = Notification.About(headId, NotificationKind.WarningToReview,
            new NotificationSubject(proposalId, "Proposal Message Builders", null, null, "C → B"), DateTimeOffset.UtcNow);
        await App.WithDbAsync(db =>
        {
            db.Notifications.Add(message);
            return db.SaveChangesAsync();
        });

        using (var confirmed = await head.SubmitAsync($"/Grading/Proposals/{proposalId}", "#confirm-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        Assert.Equal(ProposalState.Confirmed, await App.WithDbAsync(db => db.GradeProposals.Where(p => p.Id == proposalId).Select(p => p.State).SingleAsync()));
        Assert.Equal("true", (await head.GetPageAsync("/Inbox")).QuerySelector(RowOf(proposalId))!.GetAttribute("data-done"));
    }

    private static string RowOf(Guid warningId) => $"#inbox tr[data-subject-id='{warningId}']";

    private static string Message(IDocument inbox, Guid warningId) =>
        inbox.QuerySelector(RowOf(warningId))?.QuerySelector(".notification-message")?.TextContent.Trim()
        ?? throw new InvalidOperationException($"No message about warning {warningId} in the inbox");

    private static int Badge(IDocument page) =>
        page.QuerySelector("#inbox-count") is { } badge ? int.Parse(badge.GetAttribute("data-count")!, CultureInfo.InvariantCulture) : 0;
}
