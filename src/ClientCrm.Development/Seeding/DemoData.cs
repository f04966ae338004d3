using ClientCrm.Infrastructure.Grading;
using Bogus;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Organisation;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo company of the README and the user guide: two departments, their heads and staff, a leader, an admin
/// and about forty clients. Deterministic (fixed random seed) so the guide and the tests can name what is there.
/// </summary>
public static class DemoData
{
    public const string Password = "ClientCrm-Demo-2026";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", "系统管理员 王明", Roles.Admin, null),
        new("leader", "公司领导 李强", Roles.Leader, null),
        new("head1", "一部经理 张伟", Roles.DepartmentHead, "D1"),
        new("head2", "二部经理 刘洋", Roles.DepartmentHead, "D2"),
        new("staff1a", "一部业务员 陈静", Roles.Staff, "D1"),
        new("staff1b", "一部业务员 杨帆", Roles.Staff, "D1"),
        new("staff2a", "二部业务员 赵磊", Roles.Staff, "D2"),
    ];

    // Who owns how many of the demo clients: every staff member has at least five.
    private static readonly (string Owner, int Count)[] Portfolio =
        [("staff1a", 14), ("staff1b", 11), ("staff2a", 11), ("head1", 2), ("head2", 2)];

    private static readonly string[] CompanyStems =
    [
        "Al Noor", "Gulf Star", "Pacific Harvest", "Nordic Steel", "Sahara Build", "Orient Marine", "Kiwi Orchards",
        "Danube Works", "Atlas Contracting", "Blue Nile", "Savanna Agro", "Andes Mining", "Baltic Shipyard", "Coral Bay",
        "Emerald Foods", "Falcon Logistics", "Golden Palm", "Harbour Fisheries", "Iberia Textiles", "Jade River",
        "Kalahari Minerals", "Lotus Garments", "Meridian Care", "Nile Delta", "Oasis Hotels", "Pearl Gulf",
        "Queensland Farms", "Red Sea Engineering", "Silk Road Trading", "Tasman Seafood", "Ural Metals", "Volta Power",
        "Westfjord Fish", "Yarra Hospitality", "Zambezi Roads", "Amber Coast", "Bosphorus Build", "Carpathian Wood",
        "Desert Rose", "Everest Manpower",
    ];

    private static readonly string[] Suffixes = ["LLC", "Co., Ltd.", "GmbH", "Pte. Ltd.", "S.A.", "Sdn. Bhd.", "Pty Ltd", "W.L.L."];

    public static async Task SeedAsync(IServiceProvider sp, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var db = sp.GetRequiredService<CrmDbContext>();
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }

        var clock = sp.GetRequiredService<BusinessClock>();
        var now = clock.UtcNow;
        var thresholds = await db.GradingThresholdsAsync(ct);
        var departments = new Dictionary<string, Department>(StringComparer.Ordinal)
        {
            ["D1"] = new("业务一部", "D1"),
            ["D2"] = new("业务二部", "D2"),
        };
        db.Departments.AddRange(departments.Values);
        await db.SaveChangesAsync(ct);

        var users = sp.GetRequiredService<UserManager<CrmUser>>();
        var byName = new Dictionary<string, CrmUser>(StringComparer.Ordinal);
        foreach (var account in Accounts)
        {
            var user = new CrmUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                Email = $"{account.UserName}@demo.clientcrm.test",
                EmailConfirmed = true,
                DepartmentId = account.DepartmentCode is null ? null : departments[account.DepartmentCode].Id,
                CreatedAt = now,
            };
            DatabaseInitializer.Check(await users.CreateAsync(user, Password), $"create demo user {account.UserName}");
            DatabaseInitializer.Check(await users.AddToRoleAsync(user, account.Role), $"give {account.UserName} a role");
            byName[account.UserName] = user;
        }

        var faker = new Faker("en") { Random = new Randomizer(20261122) };
        var countries = Countries.All;
        var stem = 0;
        foreach (var (ownerName, count) in Portfolio)
        {
            var owner = byName[ownerName];
            for (var i = 0; i < count; i++, stem++)
            {
                var country = countries[(stem * 7) % countries.Count];
                var name = $"{CompanyStems[stem % CompanyStems.Length]} {faker.PickRandom(Suffixes)}";
                var card = new ClientCard
                {
                    Type = stem % 4 == 0 ? ClientType.Intermediary : ClientType.Employer,
                    LegalForm = LegalForm.Company,
                    Name = name,
                    ChineseName = $"{CompanyStems[stem % CompanyStems.Length]}（{country.NameZh}）公司",
                    CountryCode = country.Code,
                    Region = country.Region,
                    Industry = faker.PickRandom<Industry>(),
                    Address = faker.Address.StreetAddress() + ", " + faker.Address.City(),
                    Postcode = faker.Address.ZipCode("#####"),
                    Phone = faker.Phone.PhoneNumber("+## # ### ####"),
                    Fax = faker.Phone.PhoneNumber("+## # ### ####"),
                    Email = $"hr{stem}@{CompanyStems[stem % CompanyStems.Length].Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.example",
                    Website = $"https://www.{CompanyStems[stem % CompanyStems.Length].Replace(" ", "-", StringComparison.Ordinal).ToLowerInvariant()}.example",
                    LegalRepresentative = faker.Name.FullName(),
                    BankAccount = faker.Finance.Iban(),
                    TaxNumber = $"TX{faker.Random.Number(10000000, 99999999)}",
                    RegistrationNumber = $"REG-{country.Code}-{100000 + stem}",
                    Ownership = faker.PickRandom("私营 Private", "国有 State-owned", "外资 Foreign-invested", "合资 Joint venture"),
                    BusinessScope = faker.Company.CatchPhrase(),
                    EmployeeCount = faker.Random.Number(50, 5000),
                    RegisteredCapital = faker.Random.Number(100, 50000) * 1000m,
                    RegisteredCapitalCurrency = "USD",
                    YearEstablished = faker.Random.Number(1975, 2020),
                    CreditRating = faker.PickRandom(CreditRating.Excellent, CreditRating.Good, CreditRating.Good, CreditRating.Fair, CreditRating.Unknown),
                    CreditNotes = "银行资信证明已收到 Bank reference received",
                    PaymentTerms = faker.PickRandom("月结 Monthly", "季度结算 Quarterly", "预付30% 30% advance"),
                    OperatingStatus = Healthy(faker.PickRandom<OperatingStatus>()),
                    DemandTrend = faker.PickRandom<DemandTrend>(),
                    CooperationIntent = faker.PickRandom<CooperationIntent>(),
                    ChinaPartners = faker.PickRandom("无 None", "中建某局 (Construction)", "山东某外经公司", "江苏某劳务公司"),
                    InformationSource = faker.PickRandom("驻外机构介绍 Overseas office", "展会 Trade fair", "客户来函 Client enquiry", "使馆经商处 Embassy counsellor"),
                    Notes = "演示数据 Demo data",
                };
                var principal = new PrincipalCard
                {
                    Name = faker.Name.FullName(),
                    Title = faker.PickRandom("General Manager", "HR Director", "Project Manager", "Owner"),
                    Gender = faker.PickRandom<Gender>(),
                    Birthday = DateOnly.FromDateTime(faker.Date.Past(40, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))),
                    Phone = faker.Phone.PhoneNumber("+## ### ### ####"),
                    Email = $"principal{stem}@example.com",
                    MessagingId = "wa:" + faker.Random.Number(1000000, 9999999),
                    Languages = faker.PickRandom("English", "Arabic, English", "German", "Russian, English"),
                    Hobbies = faker.PickRandom("Golf", "Football", "Tea", "Fishing"),
                    DecisionRole = DecisionRole.DecisionMaker,
                };
                var client = Client.Register(card, principal, owner.Id, owner.DepartmentId!.Value, thresholds, clock.At(now.AddDays(-stem * 9)));
                MoveToDemoStatus(client, stem, now, byName["leader"].Id);
                db.Clients.Add(client);
            }
        }

        await db.SaveChangesAsync(ct);
        await DemoCooperation.SeedAsync(db, clock, ct);
        await DemoDocuments.SeedAsync(db, sp.GetRequiredService<ClientCrm.Infrastructure.Dossier.DocumentStore>(), clock, ct);
        await DemoEvaluations.SeedAsync(db, clock, ct);
        await DemoComplaints.SeedAsync(db, clock, ct);
        await DemoContractReviews.SeedAsync(db, clock, ct);
        await DemoAccountability.SeedAsync(db, clock, ct);
        await DemoInformationReports.SeedAsync(db, clock, ct);
        await DemoAccessRequests.SeedAsync(db, clock, ct);
        await DemoKeys.SeedAsync(db, clock, sp.GetRequiredService<Infrastructure.Security.KeyRing>(),
            sp.GetServices<Infrastructure.Security.Rotation.IReencryptionSource>(), ct);
    }

    /// <summary>
    /// Every declining or distressed business raises a warning, so the demo leaves decline to the one client
    /// <see cref="DemoCooperation"/> picks for it rather than to chance. The draw stays, so the rest of the data stays as it was.
    /// </summary>
    private static OperatingStatus Healthy(OperatingStatus drawn) =>
        drawn is OperatingStatus.Declining or OperatingStatus.Distressed ? OperatingStatus.Stable : drawn;

    /// <summary>Why the demo's paused clients are paused (a reason is required, and the status history shows it).</summary>
    private static readonly string[] PauseReasons =
    [
        "雇主拖欠上一批工人两个月工资，结清前暂停派遣新批次 Employer owes the last batch two months of wages; no new batches until settled",
        "所在国暂停签发外籍劳务工作签证，待政策明确后恢复合作 Work visas suspended in the destination country; cooperation resumes once the policy is clear",
    ];

    private static void MoveToDemoStatus(Client client, int stem, DateTimeOffset now, string leaderId)
    {
        switch (stem % 5)
        {
            case 0:
            case 1:
                // A few minutes apart, so the status history reads in order; the last move is at now, as the card's update.
                client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: true, now.AddMinutes(-10), changedById: leaderId);
                client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, now, "评估通过，进入操作程序 Evaluation passed", leaderId);
                break;
            case 2:
                client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: true, now, changedById: leaderId);
                break;
            case 3:
                if (stem % 10 == 3)
                {
                    client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: true, now.AddMinutes(-20), changedById: leaderId);
                    client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, now.AddMinutes(-10), "评估通过，进入操作程序 Evaluation passed", leaderId);
                    client.ChangeStatus(ClientStatus.Paused, actorIsLeader: true, now, PauseReasons[stem / 10 % PauseReasons.Length], leaderId);
                }

                break;
            default:
                break;
        }
    }
}

public sealed record DemoAccount(string UserName, string DisplayName, string Role, string? DepartmentCode);
