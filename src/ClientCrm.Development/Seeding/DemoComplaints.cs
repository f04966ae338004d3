using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Complaints;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo company's complaints (seed 001 三(二)): one in each step of the flow, on clients of both departments, so the
/// list, the warning column, the to-do lists and the archive each have something to show.
/// </summary>
internal static class DemoComplaints
{
    public static async Task SeedAsync(CrmDbContext db, BusinessClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var people = await db.Users.Select(u => new { u.Id, u.UserName, u.DisplayName, u.DepartmentId }).ToListAsync(ct);
        var leader = people.Single(p => p.UserName == "leader");
        var clients = await db.Clients.Where(c => c.Status == ClientStatus.Active).OrderBy(c => c.Name).Take(6).ToListAsync(ct);
        var boss = new WorkflowActor(leader.Id, leader.DisplayName, Parties.AnyoneInScope | Parties.Leader);
        for (var i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            var owner = people.Single(p => p.Id == client.OwnerId);
            var headUser = people.FirstOrDefault(p => p.UserName!.StartsWith("head", StringComparison.Ordinal) && p.DepartmentId == client.DepartmentId);
            var ownerActor = new WorkflowActor(owner.Id, owner.DisplayName, Parties.AnyoneInScope | Parties.Owner);
            var head = headUser is null ? boss with { Is = boss.Is | Parties.DepartmentHead }
                : new WorkflowActor(headUser.Id, headUser.DisplayName, Parties.AnyoneInScope | Parties.DepartmentHead);
            var (nature, channel, content) = Cases[i % Cases.Length];
            var complaint = Complaint.Record(client, ownerActor, today.AddDays(-20 + i), channel, nature, content, today, now.AddDays(-20 + i));
            var steps = i; // 0: just recorded … 5: archived
            if (steps >= 1)
            {
                complaint.Investigate(head, "经核实情况属实，现场管理人员未及时处理。Confirmed: the site supervisor did not act in time.", client.DepartmentId,
                    owner.DisplayName, now.AddDays(-18 + i));
            }

            if (steps >= 2)
            {
                complaint.Instruct(boss, "立即整改，一周内向客户书面答复。Correct at once and answer the client in writing within a week.", now.AddDays(-17 + i));
            }

            if (steps >= 3)
            {
                complaint.Correct(head, "更换现场管理员，加强岗前培训。Site supervisor replaced; pre-departure training reinforced.",
                    i >= 4 ? "通报批评 Formal warning" : null, now.AddDays(-15 + i));
            }

            if (steps >= 4)
            {
                complaint.NotifyClient(ownerActor, today.AddDays(-14 + i), "书面函复客户，客户表示满意。Answered in writing; the client is satisfied.", today,
                    now.AddDays(-14 + i));
            }

            if (steps >= 5)
            {
                complaint.Archive(head, now.AddDays(-13 + i));
            }

            complaint.ClearDomainEvents();
            db.Complaints.Add(complaint);
        }

        await db.SaveChangesAsync(ct);
    }

    private static readonly (ComplaintNature, ComplaintChannel, string)[] Cases =
    [
        (ComplaintNature.WorkerConduct, ComplaintChannel.Email, "两名工人多次无故旷工，影响工程进度。Two workers were repeatedly absent without leave, delaying the works."),
        (ComplaintNature.WorkerSkills, ComplaintChannel.Phone, "新到焊工未达到合同约定的技能等级。The newly arrived welders do not meet the skill grade agreed."),
        (ComplaintNature.Delay, ComplaintChannel.Letter, "第二批工人出发比约定晚三周。The second batch left three weeks later than agreed."),
        (ComplaintNature.Service, ComplaintChannel.Visit, "公司驻外人员长期联系不上。The company's overseas staff could not be reached for weeks."),
        (ComplaintNature.Contract, ComplaintChannel.Email, "对服务费结算方式有异议。Disagrees with how the service fee was invoiced."),
        (ComplaintNature.Other, ComplaintChannel.Messaging, "宿舍卫生条件差引发工人不满，要求公司协调。Poor dormitory hygiene upset the workers; asks the company to mediate."),
    ];
}
