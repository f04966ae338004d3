using ClientCrm.Domain.Common;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo company's important-information reports (SPEC §5.1): one in each state, on clients of both departments, one on
/// a company not registered yet, and one linked to a project the way the B-client prompt links it, so the three lists,
/// the to-do lists and the timeline each have something to show.
/// </summary>
internal static class DemoInformationReports
{
    public static async Task SeedAsync(CrmDbContext db, BusinessClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var people = await db.Users.Select(u => new { u.Id, u.UserName, u.DisplayName, u.DepartmentId }).ToListAsync(ct);
        WorkflowActor As(string userName, Parties parties)
        {
            var p = people.Single(x => x.UserName == userName);
            return new WorkflowActor(p.Id, p.DisplayName, Parties.AnyoneInScope | parties);
        }

        int? DepartmentOf(string userName) => people.Single(p => p.UserName == userName).DepartmentId;
        var leader = As("leader", Parties.Leader);
        var heads = new Dictionary<int, WorkflowActor>
        {
            [DepartmentOf("head1")!.Value] = As("head1", Parties.DepartmentHead),
            [DepartmentOf("head2")!.Value] = As("head2", Parties.DepartmentHead),
        };

        string IdOf(string userName) => people.Single(p => p.UserName == userName).Id;
        async Task<Domain.Clients.Client> ClientOfAsync(string owner, int skip)
        {
            var ownerId = IdOf(owner);
            return await db.Clients.Where(c => c.OwnerId == ownerId).OrderBy(c => c.Name).Skip(skip).FirstAsync(ct);
        }

        var reports = new List<InformationReport>();
        foreach (var (owner, skip, steps, category, content, source) in Cases)
        {
            var client = await ClientOfAsync(owner, skip);
            var reporter = As(owner, Parties.Owner);
            var at = now.AddDays(-12 + reports.Count);
            var report = InformationReport.AboutClient(client, reporter, DepartmentOf(owner), new ReportFacts(category, content, source, today.AddDays(-14 + reports.Count)),
                today, at);
            if (steps >= 1)
            {
                report.Forward(heads[client.DepartmentId], "情况重要，请领导阅示。Important: for the leaders' attention.", at.AddDays(1));
            }

            if (steps >= 2)
            {
                report.Instruct(leader, "抓紧跟进，争取签约，及时反馈。Follow up and aim for a contract; report back.", at.AddDays(2));
            }

            if (steps >= 3)
            {
                report.MarkRead(reporter, at.AddDays(3));
            }

            reports.Add(report);
        }

        // A company not registered yet: its report waits for the head of the reporter's department.
        reports.Add(InformationReport.AboutProspect("Al Noor Contracting W.L.L.", "QA", As("staff2a", Parties.Owner), DepartmentOf("staff2a"),
            new ReportFacts(InformationCategory.CooperationIntent,
                "卡塔尔新成立的建筑公司，明年计划引进 120 名钢筋工和木工，已表示愿与我公司合作。A new Qatari contractor plans to bring in 120 steel fixers and carpenters next year and wants to work with us.",
                "多哈展会上与其人事经理面谈 Met their HR manager at the Doha fair", today.AddDays(-3)), today, now.AddDays(-3)));

        // A project's signing asked for a report (the B-client prompt), and the owner wrote one linked to it.
        var staff1a = IdOf("staff1a");
        var project = await db.CooperationProjects.Where(p => p.Client!.OwnerId == staff1a && p.ContractSignedOn != null)
            .OrderBy(p => p.Name).FirstOrDefaultAsync(ct);
        if (project is not null)
        {
            var client = await db.Clients.SingleAsync(c => c.Id == project.ClientId, ct);
            var reporter = As("staff1a", Parties.Owner);
            var report = InformationReport.AboutClient(client, reporter, DepartmentOf("staff1a"), new ReportFacts(ReportPrompt.CategoryFor(ReportPromptReason.Signing),
                $"项目“{project.Name}”已签约：{project.WorkersRequested} 人，工种 {project.JobTypes ?? "—"}。Project signed: {project.WorkersRequested} workers.",
                $"合作项目“{project.Name}”的资料 The project's terms", today.AddDays(-1)), today, now.AddDays(-1));
            report.LinkToProject(project.Id, client.Id, ReportPromptReason.Signing, reporter, now.AddDays(-1));
            reports.Add(report);
        }

        foreach (var report in reports)
        {
            report.ClearDomainEvents();
        }

        db.InformationReports.AddRange(reports);
        await db.SaveChangesAsync(ct);
    }

    private static readonly (string Owner, int Skip, int Steps, InformationCategory Category, string Content, string Source)[] Cases =
    [
        ("staff1a", 1, 0, InformationCategory.Headcount, "客户下季度需增派 40 名焊工。The client needs 40 more welders next quarter.", "客户项目经理电话告知 The client's project manager, by phone"),
        ("staff1b", 1, 1, InformationCategory.ContractConditions, "客户拟将月薪由 1,800 美元调至 2,000 美元，服务费不变。The client will raise monthly pay from 1,800 to 2,000 USD; the fee stays.", "客户来函 The client's letter"),
        ("staff2a", 1, 2, InformationCategory.BasicSituation, "客户已被当地一家大型集团收购，管理层将调整。The client was bought by a large local group; management will change.", "当地报纸 Local newspaper"),
        ("staff1a", 2, 3, InformationCategory.JobTypes, "客户新项目需要电工和管道工。The client's new project needs electricians and plumbers.", "我公司驻外人员 Our overseas office"),
    ];
}
