using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

/// <summary>A status change of a client keeps its reason in the status history; pausing and terminating need one.</summary>
public sealed class ClientStatusHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static Client ActiveClient()
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, GradingThresholds.Default, TestClock.At(Now));
        client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: false, Now, changedById: "owner-id");
        client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, Now.AddDays(1), "评估通过", "leader-id");
        return client;
    }

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Theory]
    [InlineData(ClientStatus.Paused, null)]
    [InlineData(ClientStatus.Paused, "   ")]
    [InlineData(ClientStatus.Terminated, null)]
    [InlineData(ClientStatus.Terminated, "")]
    public void Pausing_or_terminating_without_a_reason_is_refused_and_changes_nothing(ClientStatus to, string? reason)
    {
        var client = ActiveClient();

        Assert.Equal("Client.StatusReasonRequired", Code(() => client.ChangeStatus(to, actorIsLeader: true, Now.AddDays(2), reason, "leader-id")));

        Assert.Equal(ClientStatus.Active, client.Status);
        Assert.Equal("评估通过", client.StatusReason);
        Assert.Equal(2, client.StatusChanges.Count);
    }

    [Fact]
    public void Pausing_with_a_reason_records_who_when_from_to_and_why_and_keeps_the_reason_on_the_client()
    {
        var client = ActiveClient();

        client.ChangeStatus(ClientStatus.Paused, actorIsLeader: false, Now.AddDays(3), "  雇主拖欠工资未结清 Wages owed  ", "head-id");

        Assert.Equal(ClientStatus.Paused, client.Status);
        Assert.Equal("雇主拖欠工资未结清 Wages owed", client.StatusReason);
        var line = client.StatusChanges.Last();
        Assert.Equal((client.Id, ClientStatus.Active, ClientStatus.Paused), (line.ClientId, line.FromStatus, line.ToStatus));
        Assert.Equal(("雇主拖欠工资未结清 Wages owed", "head-id", Now.AddDays(3)), (line.Reason, line.ChangedById, line.ChangedAt));
    }

    [Fact]
    public void Every_move_is_in_the_history_in_order_and_the_latest_reason_replaces_the_old_one()
    {
        var client = ActiveClient();
        client.ChangeStatus(ClientStatus.Paused, actorIsLeader: false, Now.AddDays(3), "签证暂停", "owner-id");

        client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, Now.AddDays(40), "签证恢复", "leader-id");

        Assert.Equal("签证恢复", client.StatusReason);
        Assert.Equal(
            [
                (ClientStatus.Prospect, ClientStatus.UnderEvaluation, (string?)null),
                (ClientStatus.UnderEvaluation, ClientStatus.Active, "评估通过"),
                (ClientStatus.Active, ClientStatus.Paused, "签证暂停"),
                (ClientStatus.Paused, ClientStatus.Active, "签证恢复"),
            ],
            client.StatusChanges.Select(c => (c.FromStatus, c.ToStatus, c.Reason)).ToList());
    }

    [Fact]
    public void A_refused_move_writes_no_history_line()
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, GradingThresholds.Default, TestClock.At(Now));

        Assert.Equal("Client.StatusMoveNotAllowed", Code(() => client.ChangeStatus(ClientStatus.Paused, true, Now, "any reason")));
        Assert.Empty(client.StatusChanges);

        client.ChangeStatus(ClientStatus.UnderEvaluation, false, Now, "资料齐全", "owner-id");
        Assert.Equal("Client.StatusNeedsLeader", Code(() => client.ChangeStatus(ClientStatus.Active, false, Now, "any reason")));

        Assert.Single(client.StatusChanges);
        Assert.Equal((ClientStatus.UnderEvaluation, "资料齐全"), (client.Status, client.StatusReason));
    }

    [Theory]
    [InlineData(ClientStatus.Paused, true)]
    [InlineData(ClientStatus.Terminated, true)]
    [InlineData(ClientStatus.Active, true)]
    [InlineData(ClientStatus.UnderEvaluation, false)]
    [InlineData(ClientStatus.Prospect, false)]
    public void Pausing_terminating_and_a_leaders_override_to_active_need_a_reason(ClientStatus to, bool needs)
    {
        Assert.Equal(needs, ClientStatusRules.NeedsReason(to));
    }
}
