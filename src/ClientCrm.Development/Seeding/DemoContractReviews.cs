using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo company's contract reviews (合同评审): a new batch of several clients in each state of the flow — a draft, one
/// waiting for opinions (of a key client, so a leader reviews it), one with every opinion in waiting for the result, one passed
/// and one passed with conditions (both initiated with their numbers), one rejected — so the list, the to-do lists of each
/// role and the print form have something to show. The contracted demo batches were initiated by reviews of their own
/// (<see cref="DemoCooperation"/>).
/// </summary>
internal static class DemoContractReviews
{
    public static async Task SeedAsync(CrmDbContext db, BusinessClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var clients = await db.Clients.Where(c => c.Status == ClientStatus.Active).OrderBy(c => c.Name).Take(6).ToListAsync(ct);
        var numbers = ContractReviewWalk.Counters(db);
        for (var i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            var people = await ReviewPeople.OfAsync(db, client, ct);
            // The first demo client is one of the key clients the first regrade finds (DemoCooperation): a leader reviews its batch.
            var grade = i == 1 ? ClientGrade.A : client.Grade;
            var (job, workers, wage) = Batches[i % Batches.Length];
            var project = CooperationProject.Open(client, new ProjectTerms
            {
                Name = $"{today.Year + 1} 新批次 {job}", JobTypes = job, WorkCountryCode = client.CountryCode, WorkersRequested = workers,
                WageAmount = wage, WageCurrency = "USD", ContractEndOn = null,
                Status = ProjectStatus.ContractReview,
                Notes = "合同评审演示批次 Demo batch under contract review",
            }, null, today, now.AddDays(-12 + i));
            db.CooperationProjects.Add(project);
            var startedAt = now.AddDays(-10 + i);
            ContractReview review;
            switch (i)
            {
                case 0:
                    review = ContractReview.Start(project, grade, people.Owner, startedAt);
                    review.Edit(ContractReviewWalk.Written(project) with { Training = null, Timeline = null }, people.Owner, startedAt);
                    break;
                case 1:
                    review = ContractReviewWalk.Submitted(project, grade, people, startedAt, opinions: false);
                    break;
                case 2:
                    review = ContractReviewWalk.Submitted(project, grade, people, startedAt, opinions: true);
                    break;
                case 3:
                    review = ContractReviewWalk.Pass(project, grade, people, numbers, startedAt.AddDays(3));
                    break;
                case 4:
                    review = ContractReviewWalk.Pass(project, grade, people, numbers, startedAt.AddDays(3),
                        "出境前须完成 2 周语言培训，并取得雇主对宿舍条件的书面确认。Two weeks of language training before departure, and the employer's written confirmation of the dormitory.");
                    break;
                default:
                    review = ContractReviewWalk.Submitted(project, grade, people, startedAt, opinions: false);
                    review.GiveOpinion(people.Owner, OpinionVerdict.AgreeWithConditions, "工资低于当地同类工种水平，需与客户再谈。The wage is below the local rate; negotiate again.", startedAt.AddDays(1).AddHours(4));
                    if (people.Head.UserId != people.Owner.UserId)
                    {
                        review.GiveOpinion(people.Head, OpinionVerdict.Disagree, "工资和工时条件不符合规定，不同意。Wage and hours do not meet the rules.", startedAt.AddDays(2));
                    }

                    review.Reject(grade == ClientGrade.A ? people.Leader : people.Head, "工资标准过低，待客户调整后重新评审。The wage is too low; review again once the client raises it.", startedAt.AddDays(2).AddHours(2));
                    break;
            }

            db.ContractReviews.Add(review);
        }

        await db.SaveChangesAsync(ct);
    }

    private static readonly (string Job, int Workers, decimal Wage)[] Batches =
    [
        ("焊工 Welders", 30, 1_100m), ("钢筋工 Rebar workers", 60, 950m), ("护理员 Care workers", 12, 1_600m),
        ("厨师 Cooks", 8, 1_300m), ("电工 Electricians", 20, 1_250m), ("农业工人 Farm workers", 40, 500m),
    ];
}
