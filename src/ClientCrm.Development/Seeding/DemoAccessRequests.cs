using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo company's access requests (调阅申请) and use log (使用登记): colleagues of the other department asking for clients
/// they found by the existence check, one in every state (waiting, in force, ended by itself, refused, revoked), and the
/// views that owners, heads, the leader and a reader by request made, so every list and the to-do list have rows.
/// </summary>
internal static class DemoAccessRequests
{
    public static async Task SeedAsync(CrmDbContext db, BusinessClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var people = await db.Users.Select(u => new { u.Id, u.UserName, u.DisplayName, u.DepartmentId }).ToListAsync(ct);
        var leader = people.Single(p => p.UserName == "leader");
        var boss = new WorkflowActor(leader.Id, leader.DisplayName, Parties.AnyoneInScope | Parties.Leader);
        var periods = (await db.WorkflowSettings.AsNoTracking().SingleAsync(ct)).AccessPeriods;
        // The last clients by name: the tests pick the first ones, and must find them without a request.
        var clients = await db.Clients.OrderByDescending(c => c.Name).Take(40)
            .Select(c => new { c.Id, c.Name, c.OwnerId, c.DepartmentId }).ToListAsync(ct);
        var asking = new[] { "staff2a", "staff1b", "staff2a", "head2", "staff1b" };
        var requests = new List<AccessRequest>();
        for (var i = 0; i < asking.Length; i++)
        {
            var requester = people.Single(p => p.UserName == asking[i]);
            var client = clients.First(c => c.DepartmentId != requester.DepartmentId && requests.All(r => r.ClientId != c.Id));
            var scope = AccessScope.For(requester.Id, [requester.UserName!.StartsWith("head", StringComparison.Ordinal) ? Roles.DepartmentHead : Roles.Staff],
                requester.DepartmentId);
            var filed = now.AddDays(-12 + (2 * i));
            var request = AccessRequest.Submit(client.Id, scope, requester.DisplayName, client.Name, Purposes[i], 7, periods, false, false, filed);
            switch (i)
            {
                case 1:
                    // In force: granted yesterday for a week.
                    request.Approve(boss, 7, "同意，仅限投标使用。Approved for the tender only.", periods, clock.At(now.AddDays(-1)));
                    break;
                case 2:
                    // Ended by itself: granted for three days, ten days ago.
                    request.Approve(boss, 3, null, periods, clock.At(filed.AddHours(2)));
                    break;
                case 3:
                    request.Refuse(boss, "与本部门业务无关，请与一部联系。Not your department's business; contact department 1.", filed.AddHours(3));
                    break;
                case 4:
                    request.Approve(boss, 7, null, periods, clock.At(filed.AddHours(1)));
                    request.Revoke(boss, "目的已达到。Purpose met.", filed.AddDays(1));
                    break;
                default:
                    break;
            }

            request.ClearDomainEvents();
            requests.Add(request);
        }

        db.AccessRequests.AddRange(requests);
        await db.SaveChangesAsync(ct);

        // The use log: each owner, head and the leader looked at a few cards; the reader in force read theirs.
        var uses = new List<DossierUse>();
        foreach (var (client, i) in clients.Take(12).Select((c, i) => (c, i)))
        {
            var owner = people.Single(p => p.Id == client.OwnerId);
            var head = people.FirstOrDefault(p => p.UserName!.StartsWith("head", StringComparison.Ordinal) && p.DepartmentId == client.DepartmentId);
            var at = now.AddDays(-i).AddHours(-3);
            uses.Add(new DossierUse(at, owner.Id, owner.DisplayName, client.Id, DossierUseKind.CardViewed, DossierRight.Owner, "card, 1 principal(s)", "10.0.0.21"));
            if (head is not null && i % 2 == 0)
            {
                uses.Add(new DossierUse(at.AddMinutes(30), head.Id, head.DisplayName, client.Id, DossierUseKind.CardViewed, DossierRight.Department,
                    "card, 1 principal(s)", "10.0.0.12"));
            }

            if (i % 3 == 0)
            {
                uses.Add(new DossierUse(at.AddHours(1), leader.Id, leader.DisplayName, client.Id, DossierUseKind.CardViewed, DossierRight.Leader,
                    "card, 1 principal(s)", "10.0.0.2"));
            }
        }

        var inForce = requests[1];
        uses.Add(new DossierUse(now.AddHours(-20), inForce.RequesterId, inForce.RequesterName, inForce.ClientId, DossierUseKind.CardViewed,
            DossierRight.ByRequest(inForce.Number), "card, 1 principal(s)", "10.0.0.33"));
        db.DossierUses.AddRange(uses.OrderBy(u => u.At));
        await db.SaveChangesAsync(ct);
    }

    private static readonly string[] Purposes =
    [
        "该客户拟参加我部门负责的项目投标，需了解其资信情况。The client bids on a project of my department; I need its credit standing.",
        "客户联系我部门洽谈新项目，需核实其经营状况。The client approached my department about a new project; I need to check its business.",
        "核对两个客户是否为同一企业。To check whether two clients are the same enterprise.",
        "部门年度客户分析需要参考。For the department's yearly client analysis.",
        "回复大使馆经商处的询问。To answer an enquiry of the embassy's economic and commercial counsellor.",
    ];
}
