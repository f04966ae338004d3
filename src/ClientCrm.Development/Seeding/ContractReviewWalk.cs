using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>The people of a client's contract review: its owner, the department's head (a leader where it has none), a leader.</summary>
public sealed record ReviewPeople(WorkflowActor Owner, WorkflowActor Head, WorkflowActor Leader)
{
    public static async Task<ReviewPeople> OfAsync(CrmDbContext db, Client client, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(client);
        var owner = await db.Users.Where(u => u.Id == client.OwnerId).Select(u => new { u.Id, u.DisplayName }).SingleAsync(ct);
        var head = await db.InRole(Roles.DepartmentHead).Where(u => u.DepartmentId == client.DepartmentId).OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var leader = await db.InRole(Roles.Leader).OrderBy(u => u.UserName).Select(u => new { u.Id, u.DisplayName }).FirstAsync(ct);
        var boss = new WorkflowActor(leader.Id, leader.DisplayName, Parties.AnyoneInScope | Parties.Leader);
        if (head?.Id == owner.Id)
        {
            // A head who owns the client is both: one person, one opinion.
            var both = new WorkflowActor(owner.Id, owner.DisplayName, Parties.AnyoneInScope | Parties.Owner | Parties.DepartmentHead);
            return new(both, both, boss);
        }

        return new(new WorkflowActor(owner.Id, owner.DisplayName, Parties.AnyoneInScope | Parties.Owner),
            head is null ? boss with { Is = boss.Is | Parties.DepartmentHead } : new WorkflowActor(head.Id, head.DisplayName, Parties.AnyoneInScope | Parties.DepartmentHead),
            boss);
    }
}

/// <summary>
/// Contract reviews walked through the domain, for the demo data and for tests that need a contracted batch: a project in
/// recruiting or later exists only after its review passed (<see cref="CooperationProject.IsContracted"/>), so such a
/// project is opened in contract review, its review passed by the people who would pass it, and then given its terms.
/// </summary>
public static class ContractReviewWalk
{
    /// <summary>What the demo owner writes about the company's capability.</summary>
    public static ContractReviewSections Written(CooperationProject project)
    {
        var prefill = ContractReview.Prefill(project);
        return prefill with
        {
            JobTypes = prefill.JobTypes ?? "普通劳务 General labor",
            Headcount = prefill.Headcount ?? 10,
            Qualifications = "持相应工种职业资格证书，三年以上工作经验，年龄 22–45 岁，体检合格 Trade certificate, 3+ years' experience, aged 22–45, fit",
            Schedule = prefill.Schedule ?? "考工后 45 天内出境 Departure within 45 days of the trade test",
            Pay = prefill.Pay ?? "按合同约定 As the employer contract states",
            RecruitmentSources = "公司合作培训基地及县市劳务站 The company's partner training centres and county labor stations",
            Training = "出境前安全及适应性培训 10 天 Ten days of safety and adaptation training before departure",
            Timeline = "可按客户要求的时间完成招聘和派遣 Recruiting and dispatch can meet the client's dates",
        };
    }

    /// <summary>
    /// A review of <paramref name="project"/> from draft to a pass at <paramref name="passedAt"/> (opinions of the owner, the head
    /// and, for an A client, a leader; the result the head's, or a leader's for an A client). Checks are the app's to run:
    /// a walk stands for a review that passed them.
    /// </summary>
    public static ContractReview Pass(CooperationProject project, ClientGrade grade, ReviewPeople people, Func<int, ProjectNumberCounter> numbers,
        DateTimeOffset passedAt, string? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(numbers);
        var review = Submitted(project, grade, people, passedAt.AddDays(-3), opinions: true);
        var decider = grade == ClientGrade.A ? people.Leader : people.Head;
        review.Pass(conditions is not null, decider, conditions, [], project, numbers(passedAt.Year), passedAt);
        return review;
    }

    /// <summary>A review started at <paramref name="startedAt"/>, written, submitted a day later and, if asked, with every required opinion.</summary>
    public static ContractReview Submitted(CooperationProject project, ClientGrade grade, ReviewPeople people, DateTimeOffset startedAt, bool opinions)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(people);
        var review = ContractReview.Start(project, grade, people.Owner, startedAt);
        review.Edit(Written(project), people.Owner, startedAt);
        review.Submit(people.Owner, grade, startedAt.AddDays(1));
        if (opinions)
        {
            review.GiveOpinion(people.Owner, OpinionVerdict.Agree, "客户要求明确，我方可以满足。The requirements are clear and we can meet them.", startedAt.AddDays(1).AddHours(2));
            if (people.Head.UserId != people.Owner.UserId)
            {
                review.GiveOpinion(people.Head, OpinionVerdict.Agree, "同意，注意按期完成培训。Agreed; keep to the training dates.", startedAt.AddDays(2));
            }

            if (grade == ClientGrade.A && people.Leader.UserId != people.Head.UserId)
            {
                review.GiveOpinion(people.Leader, OpinionVerdict.Agree, "重点客户，优先保障。A key client: give it priority.", startedAt.AddDays(2).AddHours(3));
            }
        }

        return review;
    }

    /// <summary>
    /// Opens a project with <paramref name="terms"/>; a contracted one (recruiting on) is opened in contract review first and
    /// initiated by a review that passed at <paramref name="initiatedAt"/>, which is added to the context with the project.
    /// </summary>
    public static CooperationProject OpenContracted(CrmDbContext db, Client client, ProjectTerms terms, RateQuote? rate, ReviewPeople people,
        Func<int, ProjectNumberCounter> numbers, DateOnly today, DateTimeOffset now, DateTimeOffset initiatedAt)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(terms);
        if (!CooperationProject.IsContracted(terms.Status))
        {
            var open = CooperationProject.Open(client, terms, rate, today, now);
            db.CooperationProjects.Add(open);
            return open;
        }

        var project = CooperationProject.Open(client, terms with { Status = ProjectStatus.ContractReview }, rate, today, now);
        var review = Pass(project, client.Grade, people, numbers, initiatedAt);
        project.Revise(terms, rate, today, now);
        db.CooperationProjects.Add(project);
        db.ContractReviews.Add(review);
        return project;
    }

    /// <summary>The year's counter, read once from the context or made, and kept for the next numbers of the same save.</summary>
    public static Func<int, ProjectNumberCounter> Counters(CrmDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counters = new Dictionary<int, ProjectNumberCounter>();
        return year =>
        {
            if (!counters.TryGetValue(year, out var counter))
            {
                counter = db.ProjectNumberCounters.Find(year) ?? db.ProjectNumberCounters.Add(ProjectNumberCounter.For(year)).Entity;
                counters[year] = counter;
            }

            return counter;
        };
    }
}
