using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo company's new-client evaluations (SPEC §5.2): every client in operation went through an approved one and has
/// its business license and credit certificate on file (DemoDocuments), so it passes the business gate; the clients under evaluation show each step
/// waiting (a draft, one with the head, one with the leaders, one overdue, a rejected round revised), so every list, the
/// to-do list and the escalation have something to show.
/// </summary>
internal static class DemoEvaluations
{
    public static async Task SeedAsync(CrmDbContext db, BusinessClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var people = await db.Users.Select(u => new { u.Id, u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.UserName!, ct);
        var leader = people["leader"];
        var heads = new Dictionary<int, (string Id, string Name)>
        {
            [await DepartmentOfAsync(db, "D1", ct)] = (people["head1"].Id, people["head1"].DisplayName),
            [await DepartmentOfAsync(db, "D2", ct)] = (people["head2"].Id, people["head2"].DisplayName),
        };
        var names = people.Values.ToDictionary(p => p.Id, p => p.DisplayName, StringComparer.Ordinal);
        var clients = await db.Clients.Where(c => c.Status != ClientStatus.Terminated).OrderBy(c => c.Name).ToListAsync(ct);
        var underEvaluation = 0;
        foreach (var client in clients)
        {
            var owner = new WorkflowActor(client.OwnerId, names.GetValueOrDefault(client.OwnerId, ""), Parties.AnyoneInScope | Parties.Owner);
            var head = heads.TryGetValue(client.DepartmentId, out var h)
                ? new WorkflowActor(h.Id, h.Name, Parties.AnyoneInScope | Parties.DepartmentHead)
                : new WorkflowActor(leader.Id, leader.DisplayName, Parties.AnyoneInScope | Parties.DepartmentHead | Parties.Leader);
            var boss = new WorkflowActor(leader.Id, leader.DisplayName, Parties.AnyoneInScope | Parties.Leader);
            switch (client.Status)
            {
                case ClientStatus.Active or ClientStatus.Paused:
                {
                    var start = client.RegisteredAt.AddDays(6) < now ? client.RegisteredAt.AddDays(2) : now.AddDays(-20);
                    var evaluation = Written(client, owner, start);
                    evaluation.Submit(owner, start.AddDays(1));
                    evaluation.Review(head, HeadOpinion, start.AddDays(2));
                    evaluation.Decide(true, boss, Minutes, Participants(boss, head, owner), start.AddDays(4));
                    evaluation.ClearDomainEvents();
                    db.ClientEvaluations.Add(evaluation);
                    client.RecordEvaluationApproved(start.AddDays(4), now);
                    break;
                }

                case ClientStatus.UnderEvaluation:
                {
                    var start = now.AddDays(-14);
                    var evaluation = Written(client, owner, start);
                    switch (underEvaluation++ % 5)
                    {
                        case 0:
                            // Left with the head for a week: overdue, it has gone to the leaders.
                            evaluation.Submit(owner, now.AddDays(-7));
                            evaluation.Escalate(now.AddDays(-4));
                            break;
                        case 1:
                            evaluation.Submit(owner, now.AddDays(-1));
                            break;
                        case 2:
                            evaluation.Submit(owner, now.AddDays(-3));
                            evaluation.Review(head, HeadOpinion, now.AddDays(-2));
                            break;
                        case 3:
                        {
                            // Rejected once for want of a credit report; the owner is revising it.
                            evaluation.Submit(owner, now.AddDays(-10));
                            evaluation.Review(head, HeadOpinion, now.AddDays(-9));
                            evaluation.Decide(false, boss, "资信材料不足：缺少银行资信证明，暂不批准。Credit evidence missing: no bank reference yet; not approved.",
                                Participants(boss, head, owner), now.AddDays(-8));
                            evaluation.ClearDomainEvents();
                            db.ClientEvaluations.Add(evaluation);
                            evaluation = ClientEvaluation.Revise(evaluation, owner, now.AddDays(-6));
                            break;
                        }

                        default:
                            // A draft the owner is still writing.
                            break;
                    }

                    evaluation.ClearDomainEvents();
                    db.ClientEvaluations.Add(evaluation);
                    break;
                }

                default:
                    break;
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private const string HeadOpinion =
        "资信良好，项目条件符合公司标准，建议公司讨论批准。Sound credit; the project meets the company's standards; recommended for approval.";

    private const string Minutes =
        "经公司领导专题讨论：客户资信、项目可行性和适用政策已核实，风险可控，同意进入操作程序，按ISO9001进行合同评审。"
        + "Discussed by the leaders: credit, feasibility and the applicable rules checked; risk under control; approved to enter operation with ISO 9001 contract review.";

    private static string Participants(params WorkflowActor[] people) => string.Join("、", people.Select(p => p.Name).Distinct(StringComparer.Ordinal));

    private static ClientEvaluation Written(Client client, WorkflowActor owner, DateTimeOffset at)
    {
        var evaluation = ClientEvaluation.Start(client, owner, at);
        evaluation.Edit(new EvaluationSections
        {
            CreditStanding = "营业执照、银行资信证明已核实；注册资本充足，近三年无欠薪记录。Business license and bank reference verified; ample capital; no wage arrears in three years.",
            ProjectFeasibility = "岗位、人数、工资待遇和工作条件明确，公司招聘渠道和培训能力可满足。Jobs, numbers, pay and conditions are clear; the company's recruitment and training can meet them.",
            ApplicablePolicies = "所在国劳动法及外籍劳工许可制度已核查；符合《对外劳务合作管理条例》，不涉及禁止类工种。Destination labor law and work-permit rules checked; within Decree 620; no prohibited jobs.",
            DevelopmentCostCny = 30_000m + (Math.Abs(client.Name.GetHashCode(StringComparison.Ordinal)) % 50) * 1_000m,
            Risk = client.CountryCode is "SA" or "QA" or "AE" ? RiskLevel.Medium : RiskLevel.Low,
            RiskReasons = "当地政局稳定；雇主付款记录良好；需关注签证政策变化。Stable country; good payment record; watch for visa policy changes.",
            Recommendation = "建议合作，首批不超过 50 人。Recommend cooperation; a first batch of at most 50 workers.",
        }, owner, at);
        return evaluation;
    }

    private static Task<int> DepartmentOfAsync(CrmDbContext db, string code, CancellationToken ct) =>
        db.Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync(ct);
}
