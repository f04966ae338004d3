using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo company's accountability cases (SPEC §5.3): one opened by the demand-drop rule on a B client, its report overdue;
/// one opened when a client was terminated, its report submitted; cases opened by hand under review, decided and closed; and
/// a fresh one waiting for the department's report, so the list, the start pages, the to-do lists and every step have
/// something to show. Opened as of earlier days through the same domain methods (<see cref="BusinessClock.At"/>).
/// </summary>
internal static class DemoAccountability
{
    public static async Task SeedAsync(CrmDbContext db, BusinessClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var people = await db.Users.Select(u => new { u.Id, u.UserName, u.DisplayName, u.DepartmentId }).ToListAsync(ct);
        var leader = people.Single(p => p.UserName == "leader");
        var boss = new WorkflowActor(leader.Id, leader.DisplayName, Parties.AnyoneInScope | Parties.Leader);
        var departmentOne = await db.Departments.Where(d => d.Code == "D1").Select(d => d.Id).SingleAsync(ct);
        var penalties = await db.AccountabilityPenalties.OrderBy(p => p.SortOrder).ToListAsync(ct);
        WorkflowActor HeadOf(Client client)
        {
            var head = people.FirstOrDefault(p => p.UserName!.StartsWith("head", StringComparison.Ordinal) && p.DepartmentId == client.DepartmentId);
            return head is null ? boss with { Is = boss.Is | Parties.DepartmentHead }
                : new WorkflowActor(head.Id, head.DisplayName, Parties.AnyoneInScope | Parties.DepartmentHead);
        }

        var active = await db.Clients.Where(c => c.Status == ClientStatus.Active).OrderBy(c => c.Name).ToListAsync(ct);
        var dropped = active.FirstOrDefault(c => c.Grade == ClientGrade.B && c.DepartmentId == departmentOne) ?? active.First(c => c.DepartmentId == departmentOne);
        var others = active.Where(c => c.Id != dropped.Id).ToList();
        var cases = new List<AccountabilityCase>();

        // The demand-drop rule fired on a B client two weeks ago; the department has not reported (due after 10 days).
        cases.Add(AccountabilityCase.OpenAutomatically(dropped, AccountabilityTrigger.DemandDropWarning, null, clock.At(now.AddDays(-14)), 10));

        // A prospect that never came to business was terminated; the department reported.
        var terminated = await db.Clients.Where(c => c.Status == ClientStatus.Prospect).OrderByDescending(c => c.Name).FirstAsync(ct);
        terminated.ChangeStatus(ClientStatus.Terminated, actorIsLeader: true, now.AddDays(-12), "客户资信不符合要求，停止合作 Credit standing not acceptable", leader.Id);
        var ended = AccountabilityCase.OpenAutomatically(terminated, AccountabilityTrigger.ClientTerminated, null, clock.At(now.AddDays(-12)), 10);
        ended.SubmitReport(HeadOf(terminated), MarketReport(now), now.AddDays(-5));
        cases.Add(ended);

        // Opened by hand: under review, decided, closed (work errors, then both causes).
        for (var i = 0; i < 3 && i < others.Count; i++)
        {
            var client = others[i];
            var head = HeadOf(client);
            var manual = AccountabilityCase.OpenByHand(client, head, Incidents[i], clock.At(now.AddDays(-30 + (i * 3))), 10);
            manual.SubmitReport(head, ErrorReport(penalties[i % penalties.Count], i == 2, now), now.AddDays(-25 + (i * 3)));
            manual.TakeUp(boss, now.AddDays(-24 + (i * 3)));
            if (i >= 1)
            {
                manual.Decide(boss, "同意报告意见，按建议处罚执行，措施限期落实。Agreed: give the penalties proposed and carry out the measures in time.",
                    now.AddDays(-22 + (i * 3)));
            }

            if (i >= 2)
            {
                manual.Close(head, "处罚已执行，措施已落实。Penalties given, measures taken.", now.AddDays(-20 + (i * 3)));
            }

            cases.Add(manual);
        }

        // Opened by hand two days ago in the first department: the report is still due.
        var fresh = others.Skip(3).FirstOrDefault(c => c.DepartmentId == departmentOne);
        if (fresh is not null)
        {
            cases.Add(AccountabilityCase.OpenByHand(fresh, HeadOf(fresh), "主要项目被竞争对手夺走。The main project went to a competitor.", clock.At(now.AddDays(-2)), 10));
        }

        foreach (var c in cases)
        {
            c.ClearDomainEvents();
        }

        db.AccountabilityCases.AddRange(cases);
        await db.SaveChangesAsync(ct);
    }

    private static AccountabilityReport MarketReport(DateTimeOffset now) => new(
        "客户登记后未能通过资信审查，合作未能开展。The client failed the credit check after registration; no business started.",
        "客户所在国经济下行，客户资金紧张。The destination country's downturn left the client short of funds.",
        AccountabilityCauseKind.Market,
        [new CountermeasureDraft("开发同地区替代客户 Develop another client in the region", "王磊", DateOnly.FromDateTime(now.AddDays(60).UtcDateTime))],
        []);

    private static AccountabilityReport ErrorReport(AccountabilityPenalty penalty, bool alsoMarket, DateTimeOffset now) => new(
        "第三批工人出发前体检材料遗失，延误三周，客户转向其他公司。The third batch's medical papers were lost; three weeks' delay and the client turned elsewhere.",
        "业务员未按规定复核材料清单。The owner did not check the document list as required.",
        alsoMarket ? AccountabilityCauseKind.Market | AccountabilityCauseKind.WorkError : AccountabilityCauseKind.WorkError,
        alsoMarket ? [new CountermeasureDraft("每周回访客户 Weekly calls to the client", "赵敏", DateOnly.FromDateTime(now.AddDays(-5).UtcDateTime))] : [],
        [new PersonConcernedDraft("刘洋", PersonConcernedRole.Party, penalty), new PersonConcernedDraft("陈静", PersonConcernedRole.Responsible, penalty)]);

    private static readonly string[] Incidents =
    [
        "客户通知本年度不再续签劳务合同。The client will not renew the labor contract this year.",
        "客户需求人数由 80 人降至 20 人。The client's demand fell from 80 workers to 20.",
        "客户投诉后终止了第四批派遣。The client cancelled the fourth batch after a complaint.",
    ];
}
