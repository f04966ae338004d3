using ClientCrm.Domain.Common;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests;

/// <summary>
/// The workflow kit on a workflow shaped like the coming evaluation (issue 12): owner, department head and leader steps, a
/// required opinion, a rejected round revised and resubmitted, due steps, and a check that must pass.
/// </summary>
public sealed class WorkflowTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static readonly WorkflowActor Owner = new("owner-1", "Owner", WorkflowParties.Of(false, false, ownsClient: true, departmentHasHead: true));
    private static readonly WorkflowActor Head = new("head-1", "Head", WorkflowParties.Of(false, headsClientsDepartment: true, false, departmentHasHead: true));
    private static readonly WorkflowActor Leader = new("leader-1", "Leader", WorkflowParties.Of(isLeader: true, false, false, departmentHasHead: true));
    private static readonly WorkflowActor Colleague = new("staff-2", "Colleague", WorkflowParties.Of(false, false, false, departmentHasHead: true));

    private static readonly WorkflowTable<Stage, Move> Table = new WorkflowTable<Stage, Move>("Evaluation", 50)
        .Allow(Stage.Draft, Move.Submit, Parties.Owner, Stage.Submitted)
        .Allow(Stage.Submitted, Move.Review, Parties.DepartmentHead, Stage.Reviewed, CommentRule.Required("Opinion"))
        .Allow(Stage.Reviewed, Move.Approve, Parties.Leader, Stage.Approved, CommentRule.Required("Minutes"))
        .Allow(Stage.Reviewed, Move.Reject, Parties.Leader, Stage.Rejected, CommentRule.Required("Minutes"))
        .Allow(Stage.Rejected, Move.Revise, Parties.Owner, Stage.Draft)
        .Stay([Stage.Draft, Stage.Submitted, Stage.Reviewed, Stage.Rejected], Move.Remark, Parties.AnyoneInScope, CommentRule.Optional("Remark"))
        .Final(Stage.Approved)
        .DueIn(Stage.Submitted, escalatesTo: Parties.Leader)
        .DueIn(Stage.Reviewed, escalatesTo: Parties.Leader)
        .Tell(Move.Submit, Parties.DepartmentHead)
        .Tell(Move.Reject, Parties.Owner)
        .RefuseOthersWith(Parties.Leader, "Evaluation.LeadersOnly");

    public enum Stage
    {
        Draft = 1,
        Submitted = 2,
        Reviewed = 3,
        Approved = 4,
        Rejected = 5,
    }

    public enum Move
    {
        Submit = 1,
        Review = 2,
        Approve = 3,
        Reject = 4,
        Revise = 5,
        Remark = 6,
    }

    // ---- Allowed actions per user ----

    [Theory]
    [InlineData(Stage.Draft, "owner", new[] { Move.Submit, Move.Remark })]
    [InlineData(Stage.Draft, "head", new[] { Move.Remark })]
    [InlineData(Stage.Submitted, "head", new[] { Move.Review, Move.Remark })]
    [InlineData(Stage.Submitted, "owner", new[] { Move.Remark })]
    [InlineData(Stage.Reviewed, "leader", new[] { Move.Approve, Move.Reject, Move.Remark })]
    [InlineData(Stage.Reviewed, "colleague", new[] { Move.Remark })]
    [InlineData(Stage.Rejected, "owner", new[] { Move.Revise, Move.Remark })]
    public void A_person_is_offered_exactly_the_moves_of_their_parties_from_the_state(Stage state, string who, Move[] offered)
    {
        Assert.Equal(offered, Table.ActionsFor(state, ActorNamed(who).Is));
    }

    [Fact]
    public void A_step_carries_whom_the_table_says_to_tell_and_a_step_it_names_nobody_for_tells_nobody()
    {
        Assert.Equal(Parties.DepartmentHead, Table.Take(Stage.Draft, Move.Submit, Owner, null, Now).Tell);
        Assert.Equal(Parties.Owner, Table.Take(Stage.Reviewed, Move.Reject, Leader, "补充材料", Now).Tell);
        Assert.Equal(Parties.None, Table.Take(Stage.Submitted, Move.Review, Head, "同意", Now).Tell);
        Assert.Throws<InvalidOperationException>(() => new WorkflowTable<Stage, Move>("X", 10).Tell(Move.Submit, Parties.Owner));
    }

    [Fact]
    public void Nobody_is_offered_anything_once_the_item_is_final()
    {
        Assert.Empty(Table.ActionsFor(Stage.Approved, Leader.Is | Owner.Is | Head.Is));
    }

    [Fact]
    public void A_check_of_the_item_takes_its_move_out_of_the_offer_and_refuses_it_after_who_and_state()
    {
        var missing = new DomainException("Evaluation.ChecksFailed", "A check has not passed.", "Checks");
        DomainException? Check(Move move) => move == Move.Approve ? missing : null;

        Assert.Equal([Move.Reject, Move.Remark], Table.ActionsFor(Stage.Reviewed, Leader.Is, Check));
        Assert.Same(missing, Assert.Throws<DomainException>(() => Table.Take(Stage.Reviewed, Move.Approve, Leader, "minutes", Now, Check)));
        Assert.Equal("Evaluation.LeadersOnly", Assert.Throws<DomainException>(() => Table.Take(Stage.Reviewed, Move.Approve, Head, "x", Now, Check)).Code);
        Assert.Equal("Evaluation.WrongState", Assert.Throws<DomainException>(() => Table.Take(Stage.Draft, Move.Approve, Leader, "x", Now, Check)).Code);
    }

    // ---- The uniform refusal: code and field ----

    [Theory]
    [InlineData(Stage.Reviewed, Move.Approve, "head", "Evaluation.LeadersOnly")]
    [InlineData(Stage.Reviewed, Move.Approve, "owner", "Evaluation.LeadersOnly")]
    [InlineData(Stage.Draft, Move.Submit, "head", "Evaluation.NotAllowed")]
    [InlineData(Stage.Submitted, Move.Submit, "owner", "Evaluation.WrongState")]
    [InlineData(Stage.Draft, Move.Approve, "leader", "Evaluation.WrongState")]
    [InlineData(Stage.Approved, Move.Remark, "leader", "Evaluation.Closed")]
    [InlineData(Stage.Approved, Move.Revise, "colleague", "Evaluation.Closed")]
    public void A_move_someone_may_not_make_is_refused_with_a_code_and_no_field(Stage state, Move move, string who, string code)
    {
        var refusal = Assert.Throws<DomainException>(() => Table.Take(state, move, ActorNamed(who), "text", Now));

        Assert.Equal((code, null), (refusal.Code, refusal.Field));
        Assert.Equal(refusal.Code, Table.Refusal(state, move, ActorNamed(who).Is)!.Code);
        Assert.False(Table.May(state, move, ActorNamed(who).Is));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_move_that_needs_a_comment_is_refused_without_one_naming_the_comment_field(string? comment)
    {
        var refusal = Assert.Throws<DomainException>(() => Table.Take(Stage.Submitted, Move.Review, Head, comment, Now));

        Assert.Equal(("Evaluation.OpinionRequired", "Opinion"), (refusal.Code, refusal.Field));
    }

    [Fact]
    public void A_comment_is_kept_trimmed_up_to_the_limit_and_refused_beyond_it_naming_its_field()
    {
        Assert.Equal(new string('o', 50), Table.Take(Stage.Submitted, Move.Review, Head, "  " + new string('o', 50) + " ", Now).Comment);

        var refusal = Assert.Throws<DomainException>(() => Table.Take(Stage.Submitted, Move.Review, Head, new string('o', 51), Now));

        Assert.Equal(("Evaluation.TextTooLong", "Opinion"), (refusal.Code, refusal.Field));
    }

    [Fact]
    public void An_optional_comment_may_be_left_out_and_a_move_without_a_comment_keeps_none()
    {
        Assert.Null(Table.Take(Stage.Draft, Move.Remark, Colleague, "  ", Now).Comment);
        Assert.Equal("seen", Table.Take(Stage.Draft, Move.Remark, Colleague, "seen", Now).Comment);
        Assert.Null(Table.Take(Stage.Draft, Move.Submit, Owner, "ignored", Now).Comment);
    }

    // ---- One timeline line per step, every round kept ----

    [Fact]
    public void Every_step_adds_one_line_with_who_when_what_and_the_comment_and_a_rejected_round_stays_in_the_history()
    {
        var item = new Item();

        item.Take(Move.Submit, Owner, null, Now.AddHours(1));
        item.Take(Move.Review, Head, "Credit is sound", Now.AddHours(2));
        item.Take(Move.Reject, Leader, "Cost estimate missing", Now.AddHours(3));
        item.Take(Move.Revise, Owner, null, Now.AddHours(4));
        item.Take(Move.Remark, Colleague, "Added the estimate", Now.AddHours(5));
        item.Take(Move.Submit, Owner, null, Now.AddHours(6));
        item.Take(Move.Review, Head, "Estimate checked", Now.AddHours(7));
        item.Take(Move.Approve, Leader, "Approved at the meeting", Now.AddHours(8));

        Assert.Equal(Stage.Approved, item.State);
        Assert.Equal(
            [
                (Move.Submit, "owner-1", (string?)null), (Move.Review, "head-1", "Credit is sound"), (Move.Reject, "leader-1", "Cost estimate missing"),
                (Move.Revise, "owner-1", null), (Move.Remark, "staff-2", "Added the estimate"), (Move.Submit, "owner-1", null),
                (Move.Review, "head-1", "Estimate checked"), (Move.Approve, "leader-1", "Approved at the meeting"),
            ],
            item.Lines.Select(l => (l.Action, l.Actor.UserId, l.Comment)));
        Assert.Equal(Enumerable.Range(1, 8).Select(h => Now.AddHours(h)), item.Lines.Select(l => l.At));
        Assert.Equal([Stage.Draft, Stage.Submitted, Stage.Reviewed, Stage.Rejected, Stage.Draft, Stage.Draft, Stage.Submitted, Stage.Reviewed],
            item.Lines.Select(l => l.From));
    }

    [Fact]
    public void A_refused_step_leaves_no_line()
    {
        var item = new Item();

        Assert.Throws<DomainException>(() => item.Take(Move.Review, Head, "too early", Now));

        Assert.Empty(item.Lines);
        Assert.Equal(Stage.Draft, item.State);
    }

    // ---- The next actor ----

    [Theory]
    [InlineData(Stage.Draft, Parties.Owner)]
    [InlineData(Stage.Submitted, Parties.DepartmentHead)]
    [InlineData(Stage.Reviewed, Parties.Leader)]
    [InlineData(Stage.Rejected, Parties.Owner)]
    [InlineData(Stage.Approved, Parties.None)]
    public void An_item_waits_for_those_who_may_move_it_on_and_a_step_says_whom(Stage state, Parties next)
    {
        Assert.Equal(next, Table.NextActors(state));
    }

    [Fact]
    public void A_step_names_the_next_actors_of_the_state_it_leads_to()
    {
        Assert.Equal(Parties.DepartmentHead, Table.Take(Stage.Draft, Move.Submit, Owner, null, Now).NextActors);
        Assert.Equal(Parties.Leader, Table.Take(Stage.Submitted, Move.Review, Head, "ok", Now).NextActors);
    }

    [Fact]
    public void In_a_department_without_a_head_the_leaders_take_the_heads_steps_and_are_told_instead()
    {
        var leaderWithoutHead = new WorkflowActor("leader-1", "Leader", WorkflowParties.Of(isLeader: true, false, false, departmentHasHead: false));

        Assert.Contains(Move.Review, Table.ActionsFor(Stage.Submitted, leaderWithoutHead.Is));
        Assert.DoesNotContain(Move.Review, Table.ActionsFor(Stage.Submitted, Leader.Is));
        Assert.Equal(Stage.Reviewed, Table.Take(Stage.Submitted, Move.Review, leaderWithoutHead, "for the head", Now).To);
        Assert.Equal(["leader-1", "leader-2"], WorkflowParties.Recipients(Parties.DepartmentHead, "owner-1", [], ["leader-1", "leader-2"]));
        Assert.Equal(["head-1"], WorkflowParties.Recipients(Parties.DepartmentHead, "owner-1", ["head-1"], ["leader-1"]));
        Assert.Equal(["owner-1", "head-1", "leader-1"],
            WorkflowParties.Recipients(Parties.Owner | Parties.DepartmentHead | Parties.Leader, "owner-1", ["head-1"], ["leader-1", "head-1"]));
        Assert.Empty(WorkflowParties.Recipients(Parties.AnyoneInScope, "owner-1", ["head-1"], ["leader-1"]));
    }

    // ---- Open and due, as one rule for queries and memory ----

    [Fact]
    public void Open_is_every_state_that_is_not_final_in_the_query_rule_and_in_memory_alike()
    {
        var isOpen = Table.IsOpenWhere<Item>(i => i.State).Compile();

        Assert.Equal([Stage.Draft, Stage.Submitted, Stage.Reviewed, Stage.Rejected], Table.OpenStates);
        foreach (var state in Enum.GetValues<Stage>())
        {
            Assert.Equal(state != Stage.Approved, Table.IsOpen(state));
            Assert.Equal(Table.IsOpen(state), isOpen(new Item { State = state }));
        }
    }

    [Theory]
    [InlineData(Stage.Submitted, -72, null, true)]
    [InlineData(Stage.Submitted, -71, null, false)]
    [InlineData(Stage.Reviewed, -100, null, true)]
    [InlineData(Stage.Reviewed, -100, -1, false)]
    [InlineData(Stage.Draft, -1000, null, false)]
    [InlineData(Stage.Approved, -1000, null, false)]
    public void A_step_left_past_due_is_due_for_escalation_once_in_the_query_rule_and_in_memory_alike(Stage state, int sinceHours, int? escalatedHours, bool due)
    {
        var cutoff = Now.AddHours(-72);
        var item = new Item { State = state, Since = Now.AddHours(sinceHours), EscalatedAt = escalatedHours is { } e ? Now.AddHours(e) : null };

        var query = Table.DueForEscalationWhere<Item>(i => i.State, i => i.Since, i => i.EscalatedAt, cutoff).Compile();

        Assert.Equal(due, Table.IsDueForEscalation(item.State, item.Since, item.EscalatedAt, cutoff));
        Assert.Equal(due, query(item));
    }

    // ---- Writing a table ----

    [Fact]
    public void A_table_refuses_the_same_move_twice_and_a_move_nobody_may_make()
    {
        var table = new WorkflowTable<Stage, Move>("T", 10).Allow(Stage.Draft, Move.Submit, Parties.Owner, Stage.Submitted);

        Assert.Throws<InvalidOperationException>(() => table.Allow(Stage.Draft, Move.Submit, Parties.Leader, Stage.Reviewed));
        Assert.Throws<ArgumentException>(() => table.Allow(Stage.Draft, Move.Review, Parties.None, Stage.Reviewed));
    }

    private static WorkflowActor ActorNamed(string who) => who switch
    {
        "owner" => Owner,
        "head" => Head,
        "leader" => Leader,
        _ => Colleague,
    };

    /// <summary>An item as a workflow keeps it: its state, since when, the escalation mark, and its timeline.</summary>
    private sealed class Item
    {
        public Stage State { get; set; } = Stage.Draft;
        public DateTimeOffset Since { get; set; } = Now;
        public DateTimeOffset? EscalatedAt { get; set; }
        public List<WorkflowStep<Stage, Move>> Lines { get; } = [];

        public void Take(Move move, WorkflowActor actor, string? comment, DateTimeOffset at)
        {
            var step = Table.Take(State, move, actor, comment, at);
            if (step.To != State)
            {
                (State, Since, EscalatedAt) = (step.To, at, null);
            }

            Lines.Add(step);
        }
    }
}
