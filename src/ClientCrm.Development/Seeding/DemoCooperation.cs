using System.Globalization;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// Projects, incidents and exchange rates of the demo company, shaped so the first regrade finds key (A) and regular
/// (B) clients and one wage-arrears case, and the first warning check finds that case, two labor disputes on a client
/// of the other department and a client in decline. Deterministic, like the rest of the demo data.
/// </summary>
internal static class DemoCooperation
{
    private static readonly (string Currency, decimal Rate)[] Rates =
        [("USD", 7.12m), ("EUR", 7.74m), ("SGD", 5.31m), ("AED", 1.94m), ("SAR", 1.90m), ("JPY", 0.0478m)];

    private static readonly string[] JobTypes = ["钢筋工、木工", "焊工", "海员", "护理员", "厨师", "农业工人", "电工、管道工", "纺织工"];

    // Where the demo batches work and what they earn a month, in the local currency where the company keeps a rate.
    private static readonly Dictionary<string, (string Site, string Currency, decimal MonthlyWage)> Places = new(StringComparer.Ordinal)
    {
        ["JP"] = ("大阪府堺市 Sakai, Osaka", "JPY", 195_000m),
        ["SG"] = ("新加坡大士船厂 Tuas shipyard, Singapore", "SGD", 1_850m),
        ["AE"] = ("迪拜杰贝阿里 Jebel Ali, Dubai", "AED", 2_300m),
        ["SA"] = ("利雅得 Riyadh", "SAR", 2_200m),
        ["QA"] = ("多哈卢塞尔 Lusail, Doha", "USD", 650m),
        ["DE"] = ("汉堡 Hamburg", "EUR", 2_100m),
        ["IT"] = ("米兰 Milan", "EUR", 1_900m),
        ["ES"] = ("瓦伦西亚 Valencia", "EUR", 1_700m),
        ["FR"] = ("里昂 Lyon", "EUR", 1_950m),
        ["NL"] = ("鹿特丹 Rotterdam", "EUR", 2_200m),
        ["GR"] = ("比雷埃夫斯 Piraeus", "EUR", 1_300m),
        ["CY"] = ("利马索尔 Limassol", "EUR", 1_200m),
    };

    private static readonly string[] WorkingHours =
    [
        "每天 8 小时，每周 6 天；加班按当地劳动法另付 8 h a day, 6 days a week; overtime paid under local law",
        "每天 8 小时，每周 5 天；每月加班不超过 36 小时 8 h a day, 5 days a week; at most 36 h overtime a month",
    ];

    private static readonly string[] BoardAndLodging =
    [
        "雇主免费提供宿舍（每间不超过 4 人）和三餐 Employer provides free dormitory (at most 4 per room) and three meals",
        "雇主免费提供宿舍，伙食自理，每月发伙食补贴 Free dormitory; meals at the worker's cost with a monthly food allowance",
    ];

    private const string Insurance =
        "雇主投保工伤和医疗保险；公司为每人投保境外人身意外伤害险 Employer insures work injury and medical care; the company buys overseas accident cover for each worker";

    public static async Task SeedAsync(CrmDbContext db, BusinessClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        foreach (var (currency, rate) in Rates)
        {
            db.ExchangeRates.Add(new ExchangeRate(currency, rate, today.AddYears(-6), "system", now));
        }

        var usd = new RateQuote("USD", Rates[0].Rate, today.AddYears(-6));
        var active = await db.Clients.Where(c => c.Status == ClientStatus.Active).OrderBy(c => c.Name).ToListAsync(ct);
        var numbers = ContractReviewWalk.Counters(db);
        for (var i = 0; i < active.Count; i++)
        {
            var client = active[i];
            // Two key clients (A), four regular ones (B), the rest with a little history.
            (int[] SignedDaysAgo, int Workers, decimal AmountUsd) plan = (i % 8) switch
            {
                0 or 1 => ([25, 70, 140, 230, 400, 520], 45, 260_000m),
                2 or 3 or 4 or 5 => ([100, 430], 20, 90_000m),
                6 => ([800], 8, 30_000m),
                _ => ([], 0, 0m),
            };
            var (signedDaysAgo, workers, amountUsd) = plan;
            if (i % 8 is 0 or 1)
            {
                client.UpdateCard(client.CurrentCard() with
                {
                    CreditRating = CreditRating.Excellent, OperatingStatus = OperatingStatus.Good, DemandTrend = DemandTrend.Growing,
                    CooperationIntent = CooperationIntent.Strong,
                }, clock, "system");
            }
            else if (i % 8 is 2 or 3 or 4 or 5)
            {
                client.UpdateCard(client.CurrentCard() with
                {
                    CreditRating = CreditRating.Good, OperatingStatus = OperatingStatus.Stable, DemandTrend = DemandTrend.Stable,
                    CooperationIntent = CooperationIntent.Normal,
                }, clock, "system");
            }
            else if (i == 6)
            {
                // A client with little history whose business is going down: the first warning check raises a major-change warning.
                client.UpdateCard(client.CurrentCard() with { OperatingStatus = OperatingStatus.Declining, DemandTrend = DemandTrend.Falling }, clock, "system");
            }

            var people = signedDaysAgo.Length > 0 ? await ReviewPeople.OfAsync(db, client, ct) : null!;
            var (site, wageCurrency, wage) = Places.GetValueOrDefault(client.CountryCode,
                ($"{Countries.Find(client.CountryCode)?.NameZh} {Countries.Find(client.CountryCode)?.NameEn}（雇主工地）", "USD", 800m));
            for (var n = 0; n < signedDaysAgo.Length; n++)
            {
                var days = signedDaysAgo[n];
                var signed = today.AddDays(-days);
                var departed = signed.AddDays(35);
                var inService = departed <= today;
                // The workers' contracts are filed with the commerce authority some days after signing (SPEC §10, Art. 26).
                var filed = signed.AddDays(12);
                var employerPays = (i + n) % 3 == 0;
                // Contracted batches passed their contract review (立项) some days before the contract was signed.
                ContractReviewWalk.OpenContracted(db, client, new ProjectTerms
                {
                    Name = $"{today.AddDays(-days).Year} 第{n + 1}批 {JobTypes[(i + n) % JobTypes.Length]}",
                    JobTypes = JobTypes[(i + n) % JobTypes.Length],
                    WorkCountryCode = client.CountryCode,
                    WorkersRequested = workers + 5,
                    WorkersDispatched = inService ? workers : 0,
                    ContractAmount = amountUsd,
                    Currency = "USD",
                    ContractSignedOn = signed,
                    DepartureOn = inService ? departed : null,
                    ContractEndOn = signed.AddYears(2),
                    Status = inService ? ProjectStatus.InService : ProjectStatus.Recruiting,
                    EmployerContractNumber = string.Create(CultureInfo.InvariantCulture, $"EC-{signed.Year}-{client.CountryCode}-{i + 1:00}{n + 1:00}"),
                    WorkSite = site,
                    WageAmount = wage,
                    WageCurrency = wageCurrency,
                    WorkingHours = WorkingHours[(i + n) % WorkingHours.Length],
                    BoardAndLodging = BoardAndLodging[(i + n) % BoardAndLodging.Length],
                    InsuranceTerms = Insurance,
                    // Paid by the worker in yuan, or by the employer per head in dollars.
                    ServiceFeeAmount = employerPays ? 300m : 3_600m,
                    ServiceFeeCurrency = employerPays ? "USD" : RateQuote.Cny,
                    ServiceFeePaidBy = employerPays ? ServiceFeePayer.Employer : ServiceFeePayer.Worker,
                    FilingNumber = filed <= today ? string.Create(CultureInfo.InvariantCulture, $"外劳备〔{filed.Year}〕{i + 1:00}{n + 1:00}号") : null,
                    FiledOn = filed <= today ? filed : null,
                }, usd, people, numbers, today, now, now.AddDays(-days - 10));
            }
        }

        await db.SaveChangesAsync(ct);

        // One open wage-arrears case on a regular client: the grading page shows why it is not B.
        if (active.Count > 3)
        {
            var project = await db.CooperationProjects.Include(p => p.Incidents)
                .Where(p => p.ClientId == active[3].Id && p.WorkersDispatched > 0).OrderBy(p => p.ContractSignedOn).FirstOrDefaultAsync(ct);
            if (project is not null)
            {
                project.RecordIncident(new IncidentDetails
                {
                    Type = IncidentType.WageArrears, OccurredOn = today.AddDays(-12), WorkersAffected = 9,
                    // Two months of the batch's wage for each of the nine.
                    ArrearsAmount = project.WageAmount * 9 * 2, ArrearsCurrency = project.WageCurrency,
                    Description = "工地三号九名工人两个月工资未发放 Nine workers on site 3 unpaid for two months", Status = IncidentStatus.Handling,
                    HandlingRecord = "已约见雇主人事总监 Meeting with the employer's HR director arranged",
                }, clock);
                await db.SaveChangesAsync(ct);
            }
        }

        await SeedLaborDisputesAsync(db, active, clock, ct);
    }

    /// <summary>
    /// Two labor disputes within 90 days on a regular client of the other department than the wage-arrears case, so the
    /// first warning check raises an abnormal warning for each department's head to review.
    /// </summary>
    private static async Task SeedLaborDisputesAsync(CrmDbContext db, List<Client> active, BusinessClock clock, CancellationToken ct)
    {
        var today = clock.Today;
        if (active.Count <= 3)
        {
            return;
        }

        var regulars = Enumerable.Range(0, active.Count).Where(i => i % 8 is 2 or 4 or 5).Select(i => active[i]).ToList();
        var client = regulars.FirstOrDefault(c => c.DepartmentId != active[3].DepartmentId) ?? regulars.FirstOrDefault();
        if (client is null)
        {
            return;
        }

        var project = await db.CooperationProjects.Include(p => p.Incidents)
            .Where(p => p.ClientId == client.Id && p.WorkersDispatched > 0).OrderByDescending(p => p.ContractSignedOn).FirstOrDefaultAsync(ct);
        if (project is null)
        {
            return;
        }

        project.RecordIncident(new IncidentDetails
        {
            Type = IncidentType.LaborDispute, OccurredOn = today.AddDays(-41), WorkersAffected = 6,
            Description = "六名工人因加班费计算方式与雇主发生争议 Six workers disputed how overtime is paid", Status = IncidentStatus.Resolved,
            HandlingRecord = "经驻外代表协调，雇主补发加班费 Settled through our overseas representative; overtime paid",
        }, clock);
        project.RecordIncident(new IncidentDetails
        {
            Type = IncidentType.LaborDispute, OccurredOn = today.AddDays(-8), WorkersAffected = 14,
            Description = "十四名工人因宿舍条件停工一天 Fourteen workers stopped work for a day over dormitory conditions",
            Status = IncidentStatus.Handling, HandlingRecord = "已要求雇主限期整改宿舍 Employer asked to fix the dormitories by a deadline",
        }, clock);
        await db.SaveChangesAsync(ct);
    }
}
