using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Domain.Tests;

public sealed class NotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static Notification Create(string text = "A warning on Gulf Star LLC") =>
        new("user-1", NotificationKind.WarningToReview, text, Now);

    [Fact]
    public void A_new_notification_is_unread_and_keeps_what_it_was_given()
    {
        var n = Create();

        Assert.Equal(("user-1", NotificationKind.WarningToReview), (n.RecipientId, n.Kind));
        Assert.Equal("A warning on Gulf Star LLC", n.Text);
        Assert.Null(n.SubjectId);
        Assert.Equal(Now, n.CreatedAt);
        Assert.False(n.IsRead);
        Assert.Null(n.ReadAt);
        Assert.NotEqual(Guid.Empty, n.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_notification_needs_a_recipient(string recipient)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Notification(recipient, NotificationKind.HighWarning, "text", Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(499)]
    [InlineData(500)]
    public void Text_up_to_500_characters_is_kept_whole(int length)
    {
        var text = new string('t', length);

        Assert.Equal(text, Create(text: text).Text);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(5000)]
    public void Longer_text_is_cut_to_its_first_500_characters(int length)
    {
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        Assert.Equal(text[..500], Create(text: text).Text);
    }

    [Fact]
    public void Marking_read_records_the_time()
    {
        var n = Create();

        n.MarkRead(Now.AddMinutes(5));

        Assert.True(n.IsRead);
        Assert.Equal(Now.AddMinutes(5), n.ReadAt);
    }

    [Fact]
    public void Marking_read_again_keeps_the_first_time()
    {
        var n = Create();

        n.MarkRead(Now.AddMinutes(5));
        n.MarkRead(Now.AddHours(2));

        Assert.Equal(Now.AddMinutes(5), n.ReadAt);
    }

    [Fact]
    public void A_message_about_a_warning_keeps_the_client_names_and_the_rule_not_a_sentence()
    {
        var warningId = Guid.CreateVersion7();

        var n = Notification.About("user-1", NotificationKind.HighWarning,
            new NotificationSubject(warningId, "Gulf Star LLC", "海湾之星", WarningRule.OperatingStatusDeclined, null), Now);

        Assert.Equal((warningId, "Gulf Star LLC", "海湾之星"), (n.SubjectId, n.ClientName, n.ClientChineseName));
        Assert.Equal(WarningRule.OperatingStatusDeclined, n.Rule);
        Assert.Equal("", n.Text);
        Assert.False(n.IsDone);
    }

    [Fact]
    public void A_message_about_a_warning_filed_by_hand_keeps_its_summary_as_the_text()
    {
        var n = Notification.About("user-1", NotificationKind.WarningToReview,
            new NotificationSubject(Guid.CreateVersion7(), "Gulf Star LLC", " ", null, "厂房搬迁"), Now);

        Assert.Equal(("厂房搬迁", (WarningRule?)null, (string?)null), (n.Text, n.Rule, n.ClientChineseName));
    }

    [Fact]
    public void A_message_about_an_item_needs_the_clients_name()
    {
        Assert.ThrowsAny<ArgumentException>(() => Notification.About("user-1", NotificationKind.HighWarning,
            new NotificationSubject(Guid.CreateVersion7(), " ", null, WarningRule.WageArrears, null), Now));
    }

    [Fact]
    public void Marking_done_also_takes_the_message_out_of_the_unread_ones_and_keeps_the_first_time()
    {
        var n = Create();

        n.MarkDone(Now.AddMinutes(5));
        n.MarkDone(Now.AddHours(1));

        Assert.True(n.IsDone);
        Assert.Equal((Now.AddMinutes(5), Now.AddMinutes(5)), (n.DoneAt!.Value, n.ReadAt!.Value));
    }

    [Fact]
    public void Marking_a_read_message_done_keeps_when_it_was_read()
    {
        var n = Create();
        n.MarkRead(Now.AddMinutes(1));

        n.MarkDone(Now.AddMinutes(5));

        Assert.Equal((Now.AddMinutes(1), Now.AddMinutes(5)), (n.ReadAt!.Value, n.DoneAt!.Value));
    }
}
