using System.Globalization;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Security;
using Npgsql;
using NpgsqlTypes;

namespace ClientCrm.Benchmarks;

/// <summary>
/// What the page benchmark (<c>--pages</c>) adds to the generated company. The other benchmarks load without it, so
/// their figures stay comparable with those recorded before it existed.
/// </summary>
/// <param name="AuditRows">Lines in <c>AuditEntries</c> (<c>--audit N</c>).</param>
public sealed record PageDataSize(int AuditRows)
{
    public const int DefaultAuditRows = 1_450_000;
}

/// <summary>
/// The page benchmark's part of the generator: encrypted contact and registration fields with their blind indexes on
/// every client and a Chinese name on about 30%, about three principal cards per client, and an audit log.
/// </summary>
public sealed partial class BenchmarkDataGenerator
{
    /// <summary>Every generated user's password (the hash is made once and shared).</summary>
    public const string BenchPassword = "Bench-Password-2026";

    /// <summary>The app's PBKDF2 work factor (WebServices: PasswordHasherOptions.IterationCount).</summary>
    public const int PasswordIterations = 210_000;

    // Same order as NameStems: a client's Chinese name translates its English one.
    private static readonly string[] ChineseStems =
        ["光明", "海湾之星", "太平洋", "樱花", "韩一", "沙漠玫瑰", "北极星", "狮城", "新月", "东方", "猎鹰", "常青"];
    private static readonly string[] ChineseIndustries = ["建筑", "制造", "农业", "渔业", "航运", "酒店", "医疗", "家政", "矿业", "物流", "服务", "人力资源"];
    private static readonly string[] FirstNames =
        ["Ahmed", "Mohammed", "Fatima", "Hiroshi", "Yuki", "Minjun", "Jiwoo", "Wei", "Mei", "Anna", "Klaus", "Sara", "Omar", "Aisha", "Kenji", "Daniel", "Maria", "Ivan", "Olga", "Rashid"];
    private static readonly string[] LastNames =
        ["Al-Farsi", "Al-Harbi", "Tanaka", "Suzuki", "Kim", "Park", "Tan", "Lim", "Schmidt", "Mueller", "Cohen", "Levi", "Petrov", "Ivanova", "Al-Mansouri", "Rahman", "Khan", "Lee", "Wong", "Nakamura"];
    private static readonly string[] Titles =
        ["General Manager", "HR Manager", "Recruitment Officer", "Procurement Director", "Site Supervisor", "Owner", "Finance Manager", "Operations Director"];
    private static readonly Dictionary<string, string> CallingCodes = new(StringComparer.Ordinal)
    {
        ["SA"] = "966", ["AE"] = "971", ["SG"] = "65", ["JP"] = "81", ["KR"] = "82", ["QA"] = "974", ["KW"] = "965", ["MY"] = "60",
        ["DE"] = "49", ["IL"] = "972", ["OM"] = "968", ["RU"] = "7",
    };
    private static readonly string[] ClientStatuses = Enum.GetNames<ClientStatus>();
    private static readonly string[] ProjectStatuses = Enum.GetNames<ClientCrm.Domain.Cooperation.ProjectStatus>();

    /// <summary>A client's e-mail address as generated (index <paramref name="i"/> in generation order).</summary>
    public static string ClientEmail(int stem, string countryCode, int i) =>
        Invariant($"info.{i:000000}@{NameStems[stem].Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}-{countryCode.ToLowerInvariant()}.com");

    private static string ClientPhone(string countryCode, int i) =>
        Invariant($"+{CallingCodes.GetValueOrDefault(countryCode, "44")} 5{i / 10000:0000} {i % 10000:0000}");

    private Protected Protect(BlindIndexKind kind, string value)
    {
        var blind = indexer ?? throw new InvalidOperationException("The page data needs the blind indexer.");
        return new Protected(_cipher.Encrypt(value), blind.Compute(kind, value));
    }

    /// <summary>2 to 4 principals per client (3 on average), about one in ten a former one, with encrypted phone and e-mail.</summary>
    private async Task<long> WritePrincipalsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var principals = new CopyTable<PrincipalRow>("Principals")
            .Column("Id", NpgsqlDbType.Uuid, p => p.Id)
            .Column("ClientId", NpgsqlDbType.Uuid, p => p.ClientId)
            .Column("Name", NpgsqlDbType.Varchar, p => p.Name)
            .Column("Title", NpgsqlDbType.Varchar, p => p.Title)
            .Column("Phone", NpgsqlDbType.Bytea, p => p.Phone.Cipher)
            .Column("PhoneIndex", NpgsqlDbType.Bytea, p => p.Phone.Index)
            .Column("Email", NpgsqlDbType.Bytea, p => p.Email.Cipher)
            .Column("EmailIndex", NpgsqlDbType.Bytea, p => p.Email.Index)
            .Column("IsCurrent", NpgsqlDbType.Boolean, p => p.IsCurrent)
            .Column("UpdatedAt", NpgsqlDbType.TimestampTz, p => p.UpdatedAt);
        return await principals.WriteAsync(connection, PrincipalRows(new Random(13)), ct);
    }

    private IEnumerable<PrincipalRow> PrincipalRows(Random random)
    {
        for (var i = 0; i < _clientIds.Length; i++)
        {
            var count = 2 + random.Next(3);
            for (var k = 0; k < count; k++)
            {
                var first = FirstNames[random.Next(FirstNames.Length)];
                var last = LastNames[random.Next(LastNames.Length)];
                var updated = _now.AddDays(-random.Next(0, HistoryDays)).AddMinutes(random.Next(0, 600));
                var code = CallingCodes.GetValueOrDefault(_clientCountries[i], "44");
                yield return new PrincipalRow(
                    NewId(updated, random),
                    _clientIds[i],
                    first + " " + last,
                    Titles[random.Next(Titles.Length)],
                    Protect(BlindIndexKind.Phone, Invariant($"+{code} 7{i:00000000}{k}")),
                    Protect(BlindIndexKind.Email, Invariant($"{first}.{last}.{i}{k}@example-{_clientCountries[i]}.com").ToLowerInvariant()),
                    random.NextDouble() >= 0.1,
                    updated);
            }
        }
    }

    /// <summary>
    /// The audit log: <paramref name="rows"/> lines over the six years, more of them recent, in time order (so ids
    /// rise with time as the app writes them). Mostly updates of clients, batches and warnings by the client's owner,
    /// sometimes its department head or a leader; clients with more batches have more lines.
    /// </summary>
    private async Task<long> WriteAuditAsync(NpgsqlConnection connection, int rows, CancellationToken ct)
    {
        var audit = new CopyTable<AuditLine>("AuditEntries")
            .Column("At", NpgsqlDbType.TimestampTz, a => a.At)
            .Column("UserId", NpgsqlDbType.Varchar, a => a.UserId)
            .Column("UserName", NpgsqlDbType.Varchar, a => a.UserName)
            .Column("EntityType", NpgsqlDbType.Varchar, a => a.EntityType)
            .Column("EntityId", NpgsqlDbType.Varchar, a => a.EntityId)
            .Column("ClientId", NpgsqlDbType.Uuid, a => a.ClientId)
            .Column("Action", NpgsqlDbType.Integer, a => (int)a.Action)
            .Column("ChangesJson", NpgsqlDbType.Jsonb, a => a.ChangesJson);
        return await audit.WriteAsync(connection, AuditLines(rows, new Random(14)), ct);
    }

    private IEnumerable<AuditLine> AuditLines(int rows, Random random)
    {
        var projectClient = new int[_projects.Length];
        for (var c = 0; c < _clientIds.Length; c++)
        {
            for (var k = 0; k < _projectCount[c]; k++)
            {
                projectClient[_firstProject[c] + k] = c;
            }
        }

        var end = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var n = 0; n < rows; n++)
        {
            // Stratified, so the times come out sorted: line n falls in the n-th slice of [0, 1), bent towards today.
            var u = (n + random.NextDouble()) / rows;
            var at = end - TimeSpan.FromDays(HistoryDays * Math.Pow(1 - u, 1.6));
            var roll = random.NextDouble();
            var project = projectClient.Length > 0 ? random.Next(projectClient.Length) : -1;
            var client = project >= 0 && random.NextDouble() < 0.6 ? projectClient[project] : random.Next(_clientIds.Length);
            var owner = _clientOwners[client];
            var who = random.NextDouble();
            var user = who < 0.72 ? owner
                : who < 0.9 ? owner / OwnersPerDepartment * OwnersPerDepartment
                : _userIds.Length + random.Next(_leaderIds.Length);
            var userId = user < _userIds.Length ? _userIds[user] : _leaderIds[user - _userIds.Length];
            var created = random.NextDouble() < 0.1;
            var day = clock.DateOf(at);
            string type, entityId, json;
            if (roll < 0.45 || project < 0)
            {
                type = nameof(Client);
                entityId = _clientIds[client].ToString();
                json = created
                    ? Invariant($$$"""{"Name":{"from":null,"to":"Client {{{client:000000}}}"},"CountryCode":{"from":null,"to":"{{{_clientCountries[client]}}}"},"Status":{"from":null,"to":"Prospect"}}""")
                    : random.Next(5) switch
                    {
                        0 => Invariant($$$"""{"Status":{"from":"{{{Pick(random, ClientStatuses)}}}","to":"{{{Pick(random, ClientStatuses)}}}"}}"""),
                        1 => Invariant($$$"""{"LastContactOn":{"from":"{{{day.AddDays(-random.Next(20, 200)):yyyy-MM-dd}}}","to":"{{{day:yyyy-MM-dd}}}"}}"""),
                        2 => """{"Phone":{"changed":true}}""",
                        3 => Invariant($$$"""{"EmployeeCount":{"from":{{{random.Next(20, 2000)}}},"to":{{{random.Next(20, 2000)}}}}}"""),
                        _ => Invariant($$$"""{"Grade":{"from":"C","to":"{{{(random.Next(2) == 0 ? "A" : "B")}}}"}}"""),
                    };
            }
            else if (roll < 0.8)
            {
                type = "CooperationProject";
                client = projectClient[project];
                entityId = _projects[project].Id.ToString();
                json = created
                    ? Invariant($$$"""{"Name":{"from":null,"to":"{{{_clientCountries[client]}}} {{{day:yyyy-MM}}} batch"},"Status":{"from":null,"to":"Negotiating"},"WorkersRequested":{"from":null,"to":{{{random.Next(2, 80)}}}}}""")
                    : random.Next(3) switch
                    {
                        0 => Invariant($$$"""{"Status":{"from":"{{{Pick(random, ProjectStatuses)}}}","to":"{{{Pick(random, ProjectStatuses)}}}"}}"""),
                        1 => Invariant($$$"""{"WorkersDispatched":{"from":{{{random.Next(0, 40)}}},"to":{{{random.Next(1, 60)}}}}}"""),
                        _ => Invariant($$$"""{"DepartureOn":{"from":"{{{day.AddDays(random.Next(5, 60)):yyyy-MM-dd}}}","to":"{{{day.AddDays(random.Next(20, 90)):yyyy-MM-dd}}}"}}"""),
                    };
            }
            else if (roll < 0.92)
            {
                type = "Warning";
                entityId = NewId(at, random).ToString();
                json = random.Next(3) switch
                {
                    0 => """{"State":{"from":"Open","to":"Acknowledged"}}""",
                    1 => """{"State":{"from":"Acknowledged","to":"Investigating"}}""",
                    _ => """{"Severity":{"from":"Normal","to":"High"}}""",
                };
            }
            else if (roll < 0.97)
            {
                type = nameof(Principal);
                entityId = NewId(at, random).ToString();
                json = random.Next(2) == 0
                    ? Invariant($$$"""{"Title":{"from":"{{{Pick(random, Titles)}}}","to":"{{{Pick(random, Titles)}}}"}}""")
                    : """{"Email":{"changed":true}}""";
            }
            else
            {
                type = "WorkerIncident";
                entityId = NewId(at, random).ToString();
                json = """{"Status":{"from":"Open","to":"Resolved"},"ResolvedOn":{"from":null,"to":"2025-01-01"}}""";
            }

            yield return new AuditLine(at, userId, _userNames[user], type, entityId, _clientIds[client],
                created && type is nameof(Client) or "CooperationProject" ? AuditAction.Created : AuditAction.Updated, json);
        }
    }

    private readonly record struct UserRow(string Id, string DisplayName, int? DepartmentId, string UserName, string SecurityStamp, string ConcurrencyStamp);

    private readonly record struct Protected(byte[] Cipher, byte[] Index);

    private sealed record ClientSecrets(Protected Phone, Protected Email, Protected TaxNumber, Protected RegistrationNumber);

    private readonly record struct ClientRow(Guid Id, ClientType Type, int LegalForm, string Name, string? ChineseName, Country Country,
        Industry Industry, int EmployeeCount, int YearEstablished, CreditRating Credit, OperatingStatus Operating, DemandTrend Demand,
        CooperationIntent Intent, int Owner, ClientStatus Status, DateTimeOffset Registered, DateTimeOffset Updated, DateOnly? LastContactOn,
        ClientSecrets? Secrets);

    private readonly record struct PrincipalRow(Guid Id, Guid ClientId, string Name, string Title, Protected Phone, Protected Email,
        bool IsCurrent, DateTimeOffset UpdatedAt);

    private readonly record struct AuditLine(DateTimeOffset At, string UserId, string UserName, string EntityType, string EntityId,
        Guid ClientId, AuditAction Action, string ChangesJson);
}
