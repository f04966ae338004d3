using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests.Dossier;

/// <summary>
/// The access request's table (<see cref="AccessRequest.Flow"/>), move by move, against issue 13 written out here by hand:
/// submitted → approved (a leader, for a period of at most 30 days) or refused (a leader, with a comment); approved → revoked
/// (a leader, with a reason). Nobody else moves a request; an approved one ends by itself when its period is over.
/// </summary>
public sealed class AccessRequestFlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly BusinessClock Clock = BusinessClock.For(TimeProvider.System, "Asia/Shanghai").At(Now);
    private static readonly AccessPeriods Periods = new(7, 30);
    private static readonly AccessScope Staff = new(ScopeLevel.Own, "staff-id", 2);

    public enum Role
    {
        Requester,
        Colleague,
        Head,
        Leader,
    }

    private static WorkflowActor Actor(Role role) =>
        new($"{role}-id", $"{role} Name", role == Role.Leader ? Parties.AnyoneInScope | Parties.Leader : Parties.AnyoneInScope);

    private static readonly Dictionary<(AccessRequestState, AccessRequestAction), AccessRequestState> Legal = new()
    {
        [(AccessRequestState.Submitted, AccessRequestAction.Approve)] = AccessRequestState.Approved,
        [(AccessRequestState.Submitted, AccessRequestAction.Refuse)] = AccessRequestState.Refused,
        [(AccessRequestState.Approved, AccessRequestAction.Revoke)] = AccessRequestState.Revoked,
    };

    public static TheoryData<AccessRequestState, AccessRequestAction, Role> EveryMove()
    {
        var data = new TheoryData<AccessRequestState, AccessRequestAction, Role>();
        foreach (var state in Enum.GetValues<AccessRequestState>())
        {
            foreach (var action in Enum.GetValues<AccessRequestAction>())
            {
                foreach (var role in Enum.GetValues<Role>())
                {
                    data.Add(state, action, role);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void Each_move_is_a_leaders_and_leads_where_the_issue_says(AccessRequestState state, AccessRequestAction action, Role role)
    {
        var request = InState(state);
        var legal = Legal.TryGetValue((state, action), out var to) && role == Role.Leader;

        Assert.Equal(legal, request.ActionsFor(Actor(role).Is, Now).Contains(action));
        var taking = () => Take(request, action, Actor(role));
        if (legal)
        {
            taking();
            Assert.Equal(to, request.State);
        }
        else
        {
            Assert.StartsWith("AccessRequests.", Assert.Throws<DomainException>(taking).Code, StringComparison.Ordinal);
            Assert.Equal(state, request.State);
        }
    }

    [Fact]
    public void Staff_and_heads_file_requests_leaders_and_administrators_do_not_and_nobody_files_one_for_a_client_they_read_or_twice()
    {
        var leader = new AccessScope(ScopeLevel.All, "leader-id", null);
        var admin = AccessScope.Nothing with { UserId = "admin-id" };
        var head = new AccessScope(ScopeLevel.Department, "head-id", 3);

        Assert.Equal("AccessRequests.NotAllowed", Assert.Throws<DomainException>(() => Submit(leader)).Code);
        Assert.Equal("AccessRequests.NotAllowed", Assert.Throws<DomainException>(() => Submit(admin)).Code);
        Assert.Equal("AccessRequests.AlreadyReadable", Assert.Throws<DomainException>(() => Submit(Staff, hasStanding: true)).Code);
        Assert.Equal("AccessRequests.AlreadyRequested", Assert.Throws<DomainException>(() => Submit(Staff, hasOpenRequest: true)).Code);
        var noPurpose = Assert.Throws<DomainException>(() => AccessRequest.Submit(Guid.NewGuid(), Staff, "Staff", "Acme", " ", 7, Periods, false, false, Now));
        Assert.Equal(("AccessRequests.PurposeRequired", "Purpose"), (noPurpose.Code, noPurpose.Field));
        var tooLong = Assert.Throws<DomainException>(() => AccessRequest.Submit(Guid.NewGuid(), Staff, "Staff", "Acme", "why", 31, Periods, false, false, Now));
        Assert.Equal(("AccessRequests.DaysOutOfRange", "DaysWanted"), (tooLong.Code, tooLong.Field));

        var byHead = Submit(head);
        Assert.Equal((AccessRequestState.Submitted, "head-id", 3), (byHead.State, byHead.RequesterId, byHead.RequesterDepartmentId));
        Assert.Equal(7, AccessRequest.Submit(Guid.NewGuid(), Staff, "Staff", null, "why", null, Periods, false, false, Now).DaysWanted);
        var filed = Assert.IsType<AccessRequestStepTaken>(Assert.Single(byHead.DomainEvents));
        Assert.Equal((null, AccessRequestState.Submitted), (filed.Action, filed.To));
    }

    [Fact]
    public void An_approval_grants_from_the_decision_for_the_days_granted_within_the_leaders_setting_and_then_ends_by_itself()
    {
        var request = Submit(Staff);
        var beyond = Assert.Throws<DomainException>(() => request.Approve(Actor(Role.Leader), 15, null, Periods with { MaxDays = 14 }, Clock));
        Assert.Equal(("AccessRequests.DaysOutOfRange", "DaysGranted"), (beyond.Code, beyond.Field));
        Assert.Equal(AccessRequestState.Submitted, request.State);

        request.Approve(Actor(Role.Leader), 3, "for the tender", Periods, Clock);

        Assert.Equal(Now.AddDays(3), request.GrantedUntil);
        var grants = AccessRequest.GrantsAt(Now).Compile();
        Assert.True(grants(request));
        Assert.True(request.IsInForce(Now.AddDays(3).AddSeconds(-1)));
        Assert.False(request.IsInForce(Now.AddDays(3)));
        Assert.False(AccessRequest.GrantsAt(Now.AddDays(3)).Compile()(request));
        Assert.True(request.HasExpired(Now.AddDays(4)));
        // A grant that ended by itself is not revoked: the table offers nothing.
        Assert.Empty(request.ActionsFor(Actor(Role.Leader).Is, Now.AddDays(4)));
        Assert.Equal("AccessRequests.AlreadyExpired",
            Assert.Throws<DomainException>(() => request.Revoke(Actor(Role.Leader), "late", Now.AddDays(4))).Code);
    }

    [Fact]
    public void A_refusal_and_a_revocation_need_their_comment_and_end_the_grant()
    {
        var refused = Submit(Staff);
        var noComment = Assert.Throws<DomainException>(() => refused.Refuse(Actor(Role.Leader), " ", Now));
        Assert.Equal(("AccessRequests.DecisionCommentRequired", "DecisionComment"), (noComment.Code, noComment.Field));

        var revoked = Submit(Staff);
        revoked.Approve(Actor(Role.Leader), null, null, Periods, Clock);
        Assert.Equal(7, revoked.DaysGranted);
        var noReason = Assert.Throws<DomainException>(() => revoked.Revoke(Actor(Role.Leader), null, Now.AddHours(1)));
        Assert.Equal(("AccessRequests.RevokeReasonRequired", "RevokeReason"), (noReason.Code, noReason.Field));
        revoked.Revoke(Actor(Role.Leader), "purpose met", Now.AddHours(1));
        Assert.False(revoked.IsInForce(Now.AddHours(2)));
        Assert.Equal([AccessRequestEventKind.Submitted, AccessRequestEventKind.Approved, AccessRequestEventKind.Revoked], revoked.Events.Select(e => e.Kind));
    }

    [Fact]
    public void A_request_is_seen_by_its_requester_and_by_leaders_only()
    {
        var request = Submit(Staff);
        bool Sees(AccessScope scope) => AccessRequest.VisibleTo(scope).Compile()(request);

        Assert.True(Sees(Staff));
        Assert.True(Sees(new AccessScope(ScopeLevel.All, "leader-id", null)));
        Assert.False(Sees(new AccessScope(ScopeLevel.Own, "other-staff", 2)));
        Assert.False(Sees(new AccessScope(ScopeLevel.Department, "head-of-2", 2)));
        Assert.False(Sees(AccessScope.System with { UserId = null }));
    }

    private static AccessRequest Submit(AccessScope who, bool hasStanding = false, bool hasOpenRequest = false) =>
        AccessRequest.Submit(Guid.NewGuid(), who, "Requester Name", "Acme GmbH", "Tender for Acme", 7, Periods, hasStanding, hasOpenRequest, Now);

    private static void Take(AccessRequest r, AccessRequestAction action, WorkflowActor who)
    {
        switch (action)
        {
            case AccessRequestAction.Approve:
                r.Approve(who, 5, "ok", Periods, Clock);
                break;
            case AccessRequestAction.Refuse:
                r.Refuse(who, "not needed", Now);
                break;
            default:
                r.Revoke(who, "done", Now.AddHours(1));
                break;
        }
    }

    private static AccessRequest InState(AccessRequestState state)
    {
        var r = Submit(Staff);
        switch (state)
        {
            case AccessRequestState.Approved:
                r.Approve(Actor(Role.Leader), 5, null, Periods, Clock);
                break;
            case AccessRequestState.Refused:
                r.Refuse(Actor(Role.Leader), "no", Now);
                break;
            case AccessRequestState.Revoked:
                r.Approve(Actor(Role.Leader), 5, null, Periods, Clock);
                r.Revoke(Actor(Role.Leader), "done", Now);
                break;
            default:
                break;
        }

        return r;
    }
}
